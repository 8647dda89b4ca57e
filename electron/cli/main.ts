export async function runCli(argv: string[]): Promise<number> {
  console.log('klipkota', argv.join(' '));
  return 0;
}
