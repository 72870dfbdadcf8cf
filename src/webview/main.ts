// webview entry (skill page) — filled by the skill page issue
