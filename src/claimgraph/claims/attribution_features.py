"""Features of the learned attribution model over a spaCy parse, shared by scripts/train_attribution.py
and the run time (claims/attribution_model.py), so that training and prediction compute the same thing.

Two decisions, each a logistic regression over hashed sparse strings (events/features.py's buckets):

- *cue token*: is this word part of an attribution cue ("said", "according to", "will accuse", a colon
  introducing a quotation)? Its word, crude stem, tag, dependency, head, children's dependencies (a
  clausal complement, a subject and what kind of word it is), its neighbours, whether it is inside or
  next to a quotation, and the cue lexicons (data/claims/en/) as one feature among the others; plus the
  static MiniLM vector of the word (dense), so a cue verb not seen in training can resemble one seen;
- *role of a word for a cue*: source, content or neither, read from the dependency path between the
  cue's head word and the word ("nsubj", "ccomp", "prep:according/pobj", an ancestor of the cue, ...),
  which side of the cue the word lies on, and the quotation marks around both.
"""

from __future__ import annotations

from claimgraph.events.features import stem

QUOTES_OPEN = frozenset('“‘«"')
QUOTES_CLOSE = frozenset('”’»"')
ROLE_LABELS = ("none", "source", "content")
CUE_LABELS = ("no", "cue")


def quote_depth(sdoc) -> list[int]:
    """Per token: 1 inside a quotation of its sentence (the quote marks themselves count as inside),
    else 0. Straight double quotes alternate; an unclosed curly quote runs to the sentence's end."""
    out, inside = [], False
    for t in sdoc:
        text = t.text
        if text in ("“", "«") or (text == '"' and not inside):
            inside = True
            out.append(1)
            continue
        if text in ("”", "»") or (text == '"' and inside):
            out.append(1)
            inside = False
            continue
        out.append(1 if inside else 0)
    return out


def _kind(t) -> str:
    """The coarse kind of a word for its role in a subject: pronoun, name, noun, other."""
    if t.tag_ in ("PRP", "PRP$"):
        return "PRON"
    if t.tag_ in ("NNP", "NNPS"):
        return "NAME"
    if t.tag_.startswith("NN"):
        return "NOUN"
    return t.pos_


def cue_candidate(t) -> bool:
    """Words the cue decision looks at: every word, and the colon (a quotation introduced by it)."""
    return t.is_alpha or t.text == ":" or t.text == "'s" or t.text == "’s"


def cue_features(t, quotes: list[int], lex) -> list[str]:
    low, head = t.lower_, t.head
    s = stem(low)
    f = [
        "bias",
        f"w={low}",
        f"s={s}",
        f"tag={t.tag_}",
        f"dep={t.dep_}",
        f"s+tag={s}|{t.tag_}",
        f"s+dep={s}|{t.dep_}",
        f"hs={stem(head.lower_)}",
        f"hdep={head.dep_}",
        f"dep+hs={t.dep_}|{stem(head.lower_)}",
        f"dep+htag={t.dep_}|{head.tag_}",
        f"q={quotes[t.i]}",
        f"lex={low in lex.cue_words}",
        f"lexv={lex.verb_cues.get(low, '-')}",
        f"lexn={lex.noun_cues.get(low, '-')}",
        f"hlex={head.lower_ in lex.cue_words}|{t.dep_}",
    ]
    deps = set()
    for c in t.children:
        deps.add(c.dep_)
        if c.dep_ in ("nsubj", "nsubjpass", "agent", "poss"):
            f.append(f"subj={c.dep_}|{_kind(c)}")
        if c.dep_ == "prep":
            f.append(f"prep={c.lower_}")
        if c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis"):
            f.append(f"comp={c.dep_}|{'before' if c.i < t.i else 'after'}")
            f.append(f"s+comp={s}|{c.dep_}")
        if c.dep_ == "mark":
            f.append(f"mark={c.lower_}")
    for d in sorted(deps):
        f.append(f"child={d}")
    prev = t.nbor(-1) if t.i > 0 else None
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    f.append(f"prev={prev.lower_ if prev is not None else '<s>'}")
    f.append(f"next={nxt.lower_ if nxt is not None else '</s>'}")
    f.append(f"ptag={prev.tag_ if prev is not None else '<s>'}")
    f.append(f"ntag={nxt.tag_ if nxt is not None else '</s>'}")
    f.append(f"s+next={s}|{nxt.lower_ if nxt is not None else '</s>'}")
    if nxt is not None:
        f.append(f"next_quote={nxt.text in QUOTES_OPEN}")
    # quotes in the sentence: "“...,” he said" and "He said: “...”"
    before = any(quotes[: t.i])
    after = any(quotes[t.i + 1 :])
    f.append(f"quotes={int(before)}{int(after)}|{t.tag_[:2]}")
    return f


def path_to(cue, t) -> tuple[str, str]:
    """(relation, second step) from the cue's head word to ``t``: the dependency label of the cue's
    child whose subtree holds ``t`` (and of the next step down), "ANC" (+ the cue's own label) when
    ``t`` is above the cue, else "UP<k>" (steps up from the cue to the common ancestor) and the label
    under it toward ``t``."""
    if t.i == cue.i:
        return "SELF", "-"
    chain = []  # t's ancestors up to (not including) the cue
    node = t
    while node.head.i != node.i:
        if node.head.i == cue.i:
            chain.append(node)
            first = chain[-1]
            second = chain[-2].dep_ if len(chain) > 1 else "-"
            label = f"prep:{first.lower_}" if first.dep_ == "prep" else first.dep_
            return label, second
        chain.append(node)
        node = node.head
    # not below the cue: above or beside it
    ancestors = []
    node = cue
    while node.head.i != node.i:
        node = node.head
        ancestors.append(node)
    if any(a.i == t.i for a in ancestors):
        return "ANC", cue.dep_
    t_ancestors = {t.i}
    node = t
    while node.head.i != node.i:
        node = node.head
        t_ancestors.add(node.i)
    for k, a in enumerate(ancestors, 1):
        if a.i in t_ancestors:
            # the label of the child of the common ancestor on t's side
            node = t
            while node.head.i != a.i:
                node = node.head
            return f"UP{min(k, 3)}", node.dep_
    return "NONE", "-"


class Tree:
    """A parsed sentence's heads, labels and lower-cased words by token index, read once: ``tree_path``
    walks these lists where ``path_to`` makes a spaCy Token object at every step (the role head reads a
    path for every word and every cue of a sentence)."""

    def __init__(self, sdoc):
        self.head = [t.head.i for t in sdoc]
        self.dep = [t.dep_ for t in sdoc]
        self.lower = [t.lower_ for t in sdoc]


def tree_path(tree: Tree, cue: int, t: int) -> tuple[str, str]:
    """``path_to`` of the tokens ``cue`` and ``t`` (indices), over ``tree``: the same steps, the same result."""
    if t == cue:
        return "SELF", "-"
    head, dep = tree.head, tree.dep
    chain = []  # t's ancestors up to (not including) the cue
    node = t
    while head[node] != node:
        chain.append(node)
        if head[node] == cue:
            first = chain[-1]
            second = dep[chain[-2]] if len(chain) > 1 else "-"
            return (f"prep:{tree.lower[first]}" if dep[first] == "prep" else dep[first]), second
        node = head[node]
    ancestors = []  # not below the cue: above or beside it
    node = cue
    while head[node] != node:
        node = head[node]
        ancestors.append(node)
    if t in ancestors:
        return "ANC", dep[cue]
    t_ancestors = {t}
    node = t
    while head[node] != node:
        node = head[node]
        t_ancestors.add(node)
    for k, a in enumerate(ancestors, 1):
        if a in t_ancestors:
            node = t  # the child of the common ancestor on t's side
            while head[node] != a:
                node = head[node]
            return f"UP{min(k, 3)}", dep[node]
    return "NONE", "-"


def role_features(cue, t, quotes: list[int], cue_words: set[int], tree: Tree | None = None) -> list[str]:
    """The role head's features of word ``t`` for ``cue`` (``tree``: the sentence's ``Tree``, read instead
    of walking its Token objects; the same features)."""
    rel, second = path_to(cue, t) if tree is None else tree_path(tree, cue.i, t.i)
    side = "L" if t.i < cue.i else "R"
    gap = abs(t.i - cue.i)
    dist = "1" if gap <= 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 else "8+"
    qt, qc = quotes[t.i], quotes[cue.i]
    cs = stem(cue.lower_)
    # another cue word between them: the word is more likely that cue's
    lo, hi = sorted((t.i, cue.i))
    between = any(lo < i < hi for i in cue_words)
    return [
        "bias",
        f"rel={rel}",
        f"rel2={rel}|{second}",
        f"rel+side={rel}|{side}",
        f"rel+tag={rel}|{t.tag_}",
        f"rel+cdep={rel}|{cue.dep_}",
        f"rel+cs={rel}|{cs}",
        f"rel+q={rel}|{qt}{qc}",
        f"side+q={side}|{qt}{qc}",
        f"side+dist={side}|{dist}",
        f"tag={t.tag_}",
        f"dep={t.dep_}",
        f"ctag={cue.tag_}",
        f"cs={cs}",
        f"punct={t.is_punct}|{side}|{qt}",
        f"between={between}|{rel}",
        f"incue={t.i in cue_words}",
    ]
