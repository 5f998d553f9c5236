"""Every user-facing word, in Chinese (the default) and English: messages by key (messages.py, with
`t(key, lang)`, `pick(label, lang)` and `Worded`), number wording and the shared vocabularies.
Nothing outside text/ tests the language. Imports nothing of jingpin: every folder may import it."""
