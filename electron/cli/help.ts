/**
 * What `klipkota --help`, `klipkota help [COMMAND [SUBCOMMAND]]` and
 * `klipkota COMMAND --help` print: one place for every command's usage line and
 * what it does, in the user's language. The commands' usage errors quote the
 * same lines.
 */
import type { Language, LocalizedText } from '@core/errors.js';

export interface CommandHelp {
  /** the usage line(s), the same in both languages (names in capitals are placeholders) */
  usage: string;
  about: LocalizedText;
}

export const COMMAND_HELP = {
  render: {
    usage: `klipkota render [PROYEK.json] [--clip FILE]... [--title "NAMA|JABATAN"] [--music FILE] [--reframe blur|crop|pad]
                [--captions TEKS.srt|.vtt] [--sidecar] --preset tiktok,youtube[,shorts,reels] --out DIR [--pack DIR] [--overwrite]
                [--allow-tampered-pack] [--json]`,
    about: {
      id: `Ekspor satu proyek ke setiap preset yang disebut; gambar tiap video dibuat dalam satu proses FFmpeg, suaranya di sampingnya. Tanpa berkas proyek,
klip --clip dirangkai berurutan dengan intro, outro dan logo paket; --title menambah lower third di klip pertama.
--captions memakai teks dari berkas .srt/.vtt (menggantikan teks proyek) dan membakarnya ke video; --sidecar juga
menulis berkas .srt di samping setiap video. Berkas yang sudah ada tidak ditimpa kecuali dengan --overwrite. Keluar 0 berhasil, 1 gagal atau dibatalkan, 2 salah pakai.`,
      en: `Export one project to every preset named; each video's picture is made in one FFmpeg pass, its sound beside it. Without a project file, the --clip clips
are laid end to end with the pack's intro, outro and logo; --title adds a lower third over the first clip.
--captions takes the captions from an .srt/.vtt file (replacing the project's) and burns them in; --sidecar also
writes an .srt next to each video. An existing file is not overwritten unless --overwrite is given. Exit 0 success, 1 failed or cancelled, 2 bad usage.`,
    },
  },
  batch: {
    usage: `klipkota batch PROYEK.json... | --dir FOLDER  [--captions TEKS.srt] [--sidecar] --preset LIST --out DIR [--overwrite] [--jobs N] [--no-bumper-cache] [--json]
klipkota batch LEMBAR.csv|.xlsx [--pack ID] [--names POLA] [--check] [--skip-bad] [--sidecar]  --preset LIST --out DIR [--overwrite] [--jobs N] [--no-bumper-cache] [--json]
klipkota batch PROYEK.json... | --dir FOLDER  --preset LIST --out DIR --farm [--join KODE] [--share FOLDER] [--wait] [--json]
klipkota batch --resume [--jobs N] [--json]
klipkota batch --status [--json]`,
    about: {
      id: `Masukkan banyak proyek (atau satu video per baris lembar kerja) ke antrean ekspor dan jalankan; --jobs N merender N video
bersamaan (bawaan 2). --resume melanjutkan antrean setelah dihentikan atau mati listrik; --status menampilkan isi antrean. Untuk lembar kerja,
--check hanya memeriksa baris dan --skip-bad melewati baris yang bermasalah. --captions memakai teks dari satu berkas .srt/.vtt
untuk setiap proyek; --sidecar menulis berkas .srt di samping setiap video. --farm mengirim proyek ke farm kantor alih-alih
merendernya di sini (--wait menunggu sampai semua selesai). Keluar 0 semua selesai, 1 ada yang gagal atau masih antre, 2 salah pakai.`,
      en: `Put many projects (or one video per spreadsheet row) in the export queue and run them; --jobs N renders N videos
at once (default 2). --resume continues the queue after it was stopped or the power went out; --status lists the queue. For a spreadsheet,
--check only checks the rows and --skip-bad leaves out rows with problems. --captions takes every project's captions from
one .srt/.vtt file; --sidecar writes an .srt next to each video. --farm sends the projects to the office farm
instead of rendering them here (--wait waits until all are finished). Exit 0 every job done, 1 a job failed or is still queued, 2 bad usage.`,
    },
  },
  farm: {
    usage: `klipkota farm serve --share FOLDER [--out FOLDER]... [--lan] [--port N] [--url postgres://...|redis://...] [--json]
klipkota farm work [--join KODE] [--share FOLDER] [--name NAMA] [--lock-seconds N] [--json]
klipkota farm status [--join KODE] [--json]`,
    about: {
      id: `Farm render kantor: beberapa PC berbagi satu antrean ekspor. "serve" di PC koordinator menjalankan basis data farm
(PostgreSQL bawaan, data di folder data KlipKota; hanya PC ini kecuali --lan) dan mencetak kode gabung; "work" di tiap PC
pekerja mengambil pekerjaan dan menulis hasilnya ke folder hasil di folder bersama; "status" menampilkan pekerja dan pekerjaan.
Kirim batch dengan "klipkota batch ... --farm". Keluar 0 berhasil, 1 gagal atau farm tak terhubung, 2 salah pakai.`,
      en: `Office render farm: several PCs share one export queue. "serve" on the coordinator PC runs the farm database
(embedded PostgreSQL, data in the KlipKota data folder; this PC only unless --lan) and prints the join code; "work" on each
worker PC takes jobs and writes the videos to the output folders in the shared folder; "status" lists the workers and jobs.
Send a batch with "klipkota batch ... --farm". Exit 0 success, 1 failed or farm unreachable, 2 bad usage.`,
    },
  },
  probe: {
    usage: 'klipkota probe FILE [--json]',
    about: {
      id: 'Tampilkan apa yang dilihat KlipKota di sebuah berkas media: ukuran, durasi, rotasi, fps dan suara.',
      en: 'Show what KlipKota sees in a media file: size, duration, rotation, fps and sound.',
    },
  },
  doctor: {
    usage: 'klipkota doctor [--json]',
    about: {
      id: 'Periksa FFmpeg yang dipakai: dari mana asalnya, versinya, dan encoder serta filter yang dibutuhkan.',
      en: 'Check the FFmpeg in use: where it comes from, its version, and the encoders and filters KlipKota needs.',
    },
  },
  demo: {
    usage: 'klipkota demo --out DIR [--presets LIST] [--overwrite] [--json]',
    about: {
      id: 'Buat klip contoh, proyek demo dengan paket Pemkot Malang, lalu ekspor ke setiap preset di folder DIR.',
      en: 'Make sample clips and a demo project with the Pemkot Malang pack, then export it to every preset in the folder DIR.',
    },
  },
  captions: {
    usage: 'klipkota captions transcribe KLIP --out BERKAS.srt [--model BERKAS] [--pack DIR] [--overwrite] [--json]',
    about: {
      id: `Buat draf teks (subtitle) dari ucapan bahasa Indonesia di sebuah klip, tanpa internet (whisper.cpp), dipotong menurut
batas baris gaya teks paket, lalu simpan sebagai .srt. Model: --model, variabel KLIPKOTA_WHISPER_MODEL, atau Pengaturan aplikasi
(disarankan ggml-small.bin atau lebih besar). Keluar 0 berhasil, 1 gagal atau dibatalkan, 2 salah pakai atau model/klip ditolak.`,
      en: `Draft captions from the Indonesian speech in a clip, offline (whisper.cpp), cut to the pack's caption line limits,
and save them as an .srt. Model: --model, the KLIPKOTA_WHISPER_MODEL variable, or the app's Settings (ggml-small.bin or
larger recommended). Exit 0 written, 1 failed or cancelled, 2 bad usage or the model/clip refused.`,
    },
  },
  pack: {
    usage: `klipkota pack validate FILE|DIR | export DIR --out FILE [--overwrite] | import FILE [--force] | list | remove ID
             | keygen --out DIR --issuer NAME | sign DIR --key FILE [--issuer NAME] | verify FILE|DIR
             | trust add FILE [--name NAME] | trust remove NAME|FINGERPRINT | trust list   [--json]`,
    about: {
      id: `Paket templat sebagai berkas .klippack untuk dibagikan antarkantor: periksa, ekspor, impor ke pustaka,
tandatangani dan verifikasi. "klipkota help pack SUBPERINTAH" menjelaskan satu subperintah.`,
      en: `Template packs as .klippack files to pass between offices: check, export, import into the library,
sign and verify. "klipkota help pack SUBCOMMAND" explains one subcommand.`,
    },
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

export const PACK_HELP = {
  validate: {
    usage: 'klipkota pack validate FILE|DIR [--json]',
    about: { id: 'Periksa lengkap sebuah berkas .klippack atau folder paket tanpa memasangnya.', en: 'Fully check a .klippack file or a pack folder without installing it.' },
  },
  export: {
    usage: 'klipkota pack export DIR --out FILE [--overwrite] [--json]',
    about: { id: 'Periksa folder paket lalu simpan sebagai satu berkas .klippack.', en: 'Check a pack folder, then save it as one .klippack file.' },
  },
  import: {
    usage: 'klipkota pack import FILE [--force] [--json]',
    about: {
      id: 'Pasang berkas .klippack ke pustaka paket; versi yang sama atau lebih lama ditolak kecuali dengan --force.',
      en: 'Install a .klippack file into the pack library; the same or an older version is refused unless --force is given.',
    },
  },
  list: {
    usage: 'klipkota pack list [--json]',
    about: { id: 'Tampilkan paket bawaan dan paket yang terpasang.', en: 'List the built-in and the installed packs.' },
  },
  remove: {
    usage: 'klipkota pack remove ID [--json]',
    about: { id: 'Hapus paket yang terpasang dari pustaka.', en: 'Remove an installed pack from the library.' },
  },
  keygen: {
    usage: 'klipkota pack keygen --out DIR --issuer NAME [--json]',
    about: { id: 'Buat pasangan kunci penanda tangan untuk kantor penerbit paket.', en: 'Make a signing key pair for the office that issues packs.' },
  },
  sign: {
    usage: 'klipkota pack sign DIR --key FILE [--issuer NAME] [--json]',
    about: { id: 'Tandatangani folder paket dengan kunci privat penerbit.', en: "Sign a pack folder with the issuer's private key." },
  },
  verify: {
    usage: 'klipkota pack verify FILE|DIR [--json]',
    about: {
      id: 'Periksa tanda tangan paket. Keluar 0 terverifikasi, 1 tidak ditandatangani atau belum dipercaya, 2 diubah atau ditolak.',
      en: "Check a pack's signature. Exit 0 verified, 1 unsigned or not trusted, 2 tampered or refused.",
    },
  },
  trust: {
    usage: 'klipkota pack trust add FILE [--name NAME] | trust remove NAME|FINGERPRINT | trust list   [--json]',
    about: { id: 'Kelola daftar penerbit tepercaya (kunci publik mereka).', en: 'Manage the list of trusted issuers (their public keys).' },
  },
} as const satisfies Record<string, CommandHelp>;

/** The overview `klipkota`, `klipkota --help` and `klipkota help` print. */
export function overviewText(language: Language): string {
  const header =
    language === 'id'
      ? 'KlipKota: video pendek untuk tim media sosial Pemkot Malang.\nPemakaian: klipkota PERINTAH [opsi]   ("klipkota help PERINTAH" atau "klipkota PERINTAH --help" untuk rinciannya)'
      : 'KlipKota: short videos for the social-media teams of Pemkot Malang.\nUsage: klipkota COMMAND [options]   ("klipkota help COMMAND" or "klipkota COMMAND --help" for details)';
  const lines = Object.entries(COMMAND_HELP).map(([name, help]) => `  ${name.padEnd(8)} ${help.about[language].replace(/\s+/g, ' ').split(/(?<=\.)\s/)[0]}`);
  return [header, '', ...lines].join('\n');
}

function describe(help: CommandHelp, language: Language): string {
  return `${language === 'id' ? 'Pemakaian' : 'Usage'}:\n  ${help.usage.replace(/\n/g, '\n  ')}\n\n${help.about[language]}`;
}

/**
 * The help for `topic` (a command, and for pack perhaps a subcommand), or
 * undefined when no such command exists. An unknown pack subcommand gets the
 * pack help.
 */
export function helpText(options: { topic: string[]; language: Language }): string | undefined {
  const [command, sub] = options.topic;
  if (command === undefined) return overviewText(options.language);
  if (!Object.hasOwn(COMMAND_HELP, command)) return undefined;
  if (command === 'pack' && sub !== undefined && Object.hasOwn(PACK_HELP, sub)) return describe(PACK_HELP[sub as keyof typeof PACK_HELP], options.language);
  return describe(COMMAND_HELP[command as CommandName], options.language);
}

/** Whether a command's arguments ask for help (`--help` or `-h` before any `--`). */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
