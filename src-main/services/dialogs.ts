/**
 * Native file dialogs, which only Electron has. The browser host passes none:
 * its renderer uploads and downloads bytes instead, and a request that needs a
 * dialog there is answered with an `unsupported` error value.
 */
export interface Dialogs {
  /** A project file to open, or null when the person cancels. */
  openProject(): Promise<string | null>;
  /** Where to save the project, or null when the person cancels. */
  saveProject(defaultName: string): Promise<string | null>;
  /** A data file to import, or null when the person cancels. */
  openData(): Promise<string | null>;
}
