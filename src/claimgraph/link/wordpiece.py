"""The embeddings' tokenizer (BERT's uncased word pieces) without the `tokenizers` package: the fast
mode's static table and the accurate mode's ONNX all-MiniLM-L6-v2 (link/embeddings.py) read it.

It gives the ids ``tokenizers`` gives for tokenizer.json (tests/link/test_wordpiece.py compares):
1. the special tokens ([PAD], [UNK]) are cut out of the raw text and keep their ids;
2. each character of the rest is normalised as normalizer.json says (scripts/build_wordpiece.py
   records it from tokenizers, character by character): deleted, surrounded by spaces (CJK
   ideographs), or replaced (lower case, accents stripped, whitespace to a space);
3. the text is split on whitespace, and each punctuation character is a word of its own;
4. each word becomes its longest vocabulary prefix, then ``##``-prefixed longest pieces of the
   rest; a word with a part no piece matches, or longer than the limit, is one unknown token.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def _char_class(ranges: list[list[int]]) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


class WordPiece:
    def __init__(self, directory: Path, normalizer: Path | None = None):
        """``directory``'s tokenizer.json, and the character table ``normalizer`` (default: the
        directory's normalizer.json; models whose tokenizers normalise alike can share one)."""
        config = json.loads((directory / "tokenizer.json").read_text(encoding="utf-8"))
        table = json.loads((normalizer or directory / "normalizer.json").read_text(encoding="utf-8"))
        model = config["model"]
        self.vocab: dict[str, int] = model["vocab"]
        self.unk_id = self.vocab[model["unk_token"]]
        self.prefix = model["continuing_subword_prefix"]
        self.max_chars = model["max_input_chars_per_word"]
        special = {t["content"]: t["id"] for t in config["added_tokens"] if t["special"] and not t["normalized"]}
        self.special = special
        self._special = re.compile("({})".format("|".join(map(re.escape, sorted(special, key=len, reverse=True)))))
        self._deleted = re.compile(f"[{_char_class(table['deleted'])}]+")
        self._padded = re.compile(f"[{_char_class(table['padded'])}]")
        self._mapped = str.maketrans({int(cp): out for cp, out in table["mapped"].items()})
        space, punctuation = _char_class(table["whitespace"]), _char_class(table["punctuation"])
        self._words = re.compile(f"[{punctuation}]|[^{space}{punctuation}]+")
        self._cache: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        out: list[int] = []
        for i, part in enumerate(self._special.split(text) if self.special else [text]):
            if i % 2:  # a special token
                out.append(self.special[part])
            elif part:
                out.extend(self._text_ids(part))
        return out

    def _text_ids(self, text: str) -> list[int]:
        text = self._padded.sub(r" \g<0> ", self._deleted.sub("", text)).translate(self._mapped)
        out: list[int] = []
        cache = self._cache
        for word in self._words.findall(text):
            found = cache.get(word)
            if found is None:
                found = cache[word] = self._word_ids(word)
                if len(cache) > 200_000:  # bounded: a long run sees unbounded distinct words
                    cache.clear()
            out.extend(found)
        return out

    def _word_ids(self, word: str) -> list[int]:
        if len(word) > self.max_chars:
            return [self.unk_id]
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    ids.append(found)
                    break
                end -= 1
            else:
                return [self.unk_id]
            start = end
        return ids
