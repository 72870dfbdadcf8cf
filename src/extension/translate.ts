/** The `Translate` (src/core/l10n.ts) the extension hands to pure view models: vscode.l10n.t. */
import * as vscode from 'vscode';
import type { Translate } from '../core/l10n';

export const translate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
