// Why a file can't be imported, in words for the person importing it ("not a document Quire can
// read (looks like PDF)"). The CLI and the import page put the file's name in front.
export class ImportRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ImportRefused";
  }
}
