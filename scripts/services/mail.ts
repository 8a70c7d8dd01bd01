import { MailDev } from 'maildev'

/** Starts MailDev (SMTP + web UI/REST API) on 127.0.0.1. Port 0 picks a free port. */
export async function startMailCatcher({
  smtpPort,
  webPort,
  directory,
}: {
  smtpPort: number
  webPort: number
  directory: string
}): Promise<{ smtpPort: number; webUrl: string; stop(): Promise<void> }> {
  const maildev = new MailDev({
    smtp: smtpPort,
    ip: '127.0.0.1',
    web: webPort,
    webIp: '127.0.0.1',
    mailDirectory: directory,
    silent: true,
  })
  // @maildev/api prints its address with console.info even when silent.
  const info = console.info
  console.info = () => {}
  const { smtp, api } = await maildev.start().finally(() => (console.info = info))
  return {
    smtpPort: smtp.getPort(),
    webUrl: `http://127.0.0.1:${api!.getAddress()!.port}`,
    stop: () => maildev.stop(),
  }
}
