/** Declares one area's messages: English must have exactly the keys of zh-CN. */
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: { [K in keyof Z]: string }) {
  return { 'zh-CN': zh, en } as { 'zh-CN': Z; en: Record<keyof Z, string> }
}
