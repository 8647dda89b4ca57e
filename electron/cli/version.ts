/** `klipkota --version`: the version in package.json (inlined by the CLI bundle, read through tsx from source). */
import packageJson from '../../package.json' with { type: 'json' };

export const KLIPKOTA_VERSION: string = packageJson.version;
