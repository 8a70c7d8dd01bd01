/**
 * Sets `key` in `map` as its most recent entry and forgets the oldest past `max`: the bounded
 * per-process memories (the queue's kept counts and branches, each session's last read).
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number) {
  map.delete(key)
  map.set(key, value)
  if (map.size > max) map.delete(map.keys().next().value!)
}
