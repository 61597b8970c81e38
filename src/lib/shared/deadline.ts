/** `work`'s result, or `late` when it has not settled within `ms` (work then goes on unobserved). */
export async function withinDeadline<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms))),
    ])
  } finally {
    clearTimeout(timer)
  }
}
