/** Pack versions ("major.minor.patch"), compared the same way by the library, the shadowing rule and the finder. */

/** -1, 0 or 1 comparing "major.minor.patch" versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
