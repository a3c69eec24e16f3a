"""How brittle the engine's reading is to wording (issue 12): every development bundle of the
TUNING third decided as written and under meaning-preserving rewrites of its records' text.

    python eval/paraphrase_probe.py [--bundles DIR] [--rule NAME ...] [--dump CASE RULE]

Without --bundles the 2016 development letters are turned into bundles in a temporary
directory (`openimr letters to-bundle ../shared/corpus/imr-letters-2016`). Only the tuning third
is read: the earlier two thirds of the letters by decision date, split exactly as `openimr eval`
splits them (`openimr.evaluation.split_cases`); the held-out third is never decided here.
Letter text is read at run time and never written anywhere; ``--dump`` prints one tuning
record rewritten by one rule to the terminal, to find the reading that broke.

Each rule is deterministic and changes wording only (a rule that changes meaning is a bug in
the rule). For each rule: the bundles whose text it changed, and the items whose decision
changed; at the end, the items whose decision is the same under every rewrite.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT.parent / "shared/corpus/imr-letters-2016"

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
_MONTH = "|".join(MONTHS)
# A numeric date (10-14-16, 10/14/2016, 1-5-2017) or a written one (October 14, 2016).
_NUM_DATE = re.compile(r"(?<![\d/-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])")
_LONG_DATE = re.compile(rf"\b({_MONTH}) (\d{{1,2}}), (\d{{4}})\b")


def _dates(style: str) -> Callable[[str], str]:
    def render(m: int, d: int, y: int) -> str:
        if style == "dash":
            return f"{m}-{d}-{y % 100:02d}"
        if style == "slash":
            return f"{m:02d}/{d:02d}/{y}"
        return f"{MONTHS[m - 1]} {d}, {y}"

    def num(mt: re.Match[str]) -> str:
        m, d, y = int(mt[1]), int(mt[3]), int(mt[4])
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return mt[0]
        if len(mt[4]) == 2:
            y += 2000 if y < 50 else 1900
        return render(m, d, y)

    def long(mt: re.Match[str]) -> str:
        return render(MONTHS.index(mt[1]) + 1, int(mt[2]), int(mt[3]))

    return lambda t: _LONG_DATE.sub(long, _NUM_DATE.sub(num, t))


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


_IW = re.compile(r"\b([Tt])he (?:injured worker|IW)(?: \((?:IW|the IW)\))?")


def _person(noun: str) -> Callable[[str], str]:
    return lambda t: _IW.sub(lambda m: _cap(f"the {noun}", m[1]), t)


def _gender(text: str) -> tuple[str, str]:
    m = re.search(r"\b(male|female|man|woman|gentleman|lady)\b", text, re.I)
    if m and m[1].lower() in ("female", "woman", "lady"):
        return "she", "her"
    if m:
        return "he", "his"
    she = len(re.findall(r"\b(?:she|her)\b", text, re.I))
    he = len(re.findall(r"\b(?:he|his|him)\b", text, re.I))
    return ("she", "her") if she > he else ("he", "his")


def _pronoun(text: str) -> str:
    """After the first mention, a sentence that opens with "The injured worker" opens with
    "He" / "She" ("The injured worker's" with "His" / "Her")."""
    subj, poss = _gender(text)
    seen = False

    def sub(m: re.Match[str]) -> str:
        nonlocal seen
        if not seen:
            seen = True
            return m[0]
        return m[1] + (_cap(poss, "X") if m[3] else _cap(subj, "X"))

    return re.sub(r"((?:^|[.!?]\s+))(The (?:injured worker|IW))('s)?\b", sub, text)


# Lead clauses that date what follows, rewritten to one of three forms.
_LEAD = re.compile(
    r"(?:(?:According to|Per|In) (?:the|a) (?:recent )?(?:treating physician's |physician |PR-2 )?"
    r"(?:progress|office|follow-up) (?:report|note|visit)s?(?: dated| of)? (?P<d1>DATE), "
    r"|(?:A|The) (?:recent )?(?:physician |treating physician's )?(?:progress|office) "
    r"(?:report|note)s? dated (?P<d2>DATE),? (?:documented|noted|indicated|reported|revealed|"
    r"stated) that "
    r"|(?:Medical|Physician|Progress) (?:records|notes|reports) dated (?P<d3>DATE),? "
    r"(?:indicate|indicated|noted|documented|revealed) that "
    r"|On (?P<d4>DATE), )"
    r"(?P<rest>[a-z])".replace(
        "DATE", rf"(?:\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{2,4}}|(?:{_MONTH}) \d{{1,2}}, \d{{4}})"
    )
)
_PRESENTED = re.compile(
    r"\bThe (injured worker|patient|IW) (presented|was seen|was evaluated|was examined) on "
    rf"(\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{2,4}}|(?:{_MONTH}) \d{{1,2}}, \d{{4}}),? "
)


def _lead(form: str) -> Callable[[str], str]:
    def sub(m: re.Match[str]) -> str:
        d = m["d1"] or m["d2"] or m["d3"] or m["d4"]
        head = {
            "per": f"Per the progress report dated {d}, ",
            "records": f"Medical records dated {d} indicate that ",
            "on": f"On {d}, ",
        }[form]
        return head + m["rest"]

    def presented(m: re.Match[str]) -> str:
        return {
            "per": f"Per the progress report dated {m[3]}, the {m[1]} {m[2]} ",
            "records": f"Medical records dated {m[3]} indicate that the {m[1]} {m[2]} ",
            "on": f"On {m[3]}, the {m[1]} {m[2]} ",
        }[form]

    return lambda t: _LEAD.sub(sub, _PRESENTED.sub(presented, t))


_PAIN_CONTEXT = re.compile(r"(?:rat|pain|VAS|level|scale|score|severity|intensity)", re.I)


def _pain_slash(text: str) -> str:
    return re.sub(r"\b(\d{1,2}(?:\s?-\s?\d{1,2})?) out of (?:a )?10\b", r"\1/10", text)


def _pain_words(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if int(m[2]) > 10 or not _PAIN_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
            return m[0]
        return f"{m[1]} out of 10"

    return re.sub(r"(?<![\d/-])((?:\d{1,2}-)?(\d{1,2}))/10\b(?![/-]\d)", sub, text)


NUMBERS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
]
_COUNTED = (
    r"(?:(?:additional|more|prior|previous|further|initial|physical therapy|chiropractic|"
    r"acupuncture|therapy|PT) )?(?:sessions|visits|treatments|weeks|months|days|years|times|"
    r"injections|tablets|refills|hours|trials)\b"
)


def _num_digits(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        return _cap(str(NUMBERS.index(m[1].lower())), "1")

    return re.sub(
        rf"\b({'|'.join(NUMBERS[1:])})\b(?=(?: |-){_COUNTED})", sub, text, flags=re.I
    )


def _num_words(text: str) -> str:
    return re.sub(
        rf"(?<![\d.,/-])\b([1-9]|1[0-2])\b(?![.,/-]\d)(?= {_COUNTED})",
        lambda m: NUMBERS[int(m[1])],
        text,
    )


_TREATMENT = re.compile(
    r"\b(?:Treatments? to date (?:has|have) (?:included|consisted of)|Prior treatments? "
    r"(?:has |have )?(?:included|consisted of)|Relevant treatments? (?:has|have) included|"
    r"Treatment has included|Previous treatments? (?:has |have )?included)",
)


def _treatment(phrase: str) -> Callable[[str], str]:
    return lambda t: _TREATMENT.sub(phrase, t)


_UR_LONG = re.compile(r"\b[Uu]tilization [Rr]eview(?: \(UR\))?")


def _ur_denied(text: str) -> str:
    """'utilization review' -> 'UR'; 'non-certified' -> 'denied'."""
    text = _UR_LONG.sub("UR", text)
    text = re.sub(r"\bnon-?certified\b", "denied", text, flags=re.I)
    return re.sub(r"\bnon-?certification\b", "denial", text, flags=re.I)


def _ur_noncertified(text: str) -> str:
    """'UR' -> 'utilization review'; in a sentence about the review, 'denied' -> 'non-certified'."""
    text = re.sub(r"\bUR \(utilization review(?: board)?\)", "UR", text, flags=re.I)
    text = re.sub(r"\bUR\b", "utilization review", text)
    parts = re.split(r"(?<=[.!?])(\s+)", text)
    return "".join(
        re.sub(r"\bdenied\b", "non-certified", p) if re.search(r"utilization review", p, re.I)
        else p
        for p in parts
    )


_SENT = re.compile(r"(?<=[a-z0-9)\]%])\. (?=[A-Z])")
_LOWER_OK = {
    "The", "He", "She", "His", "Her", "There", "This", "It", "On", "In", "Per", "A", "An",
    "According", "Treatment", "Prior", "Pain", "Physical", "Objective", "Subjective", "Current",
    "Medical", "Provider", "Documentation", "Examination",
}


def _join(glue: str) -> Callable[[str], str]:
    """Join every other pair of sentences with '; ' or ', and '."""

    def run(text: str) -> str:
        pieces = _SENT.split(text)
        out = [pieces[0]]
        for i, p in enumerate(pieces[1:], 1):
            if i % 2:
                first = p.split(" ", 1)[0]
                if first in _LOWER_OK:
                    p = first.lower() + p[len(first) :]
                out[-1] = out[-1] + glue + p
            else:
                out.append(p)
        return ". ".join(out)

    return run


def _split(text: str) -> str:
    """A clause after '; ' becomes its own sentence."""
    return re.sub(r"; ([a-z])", lambda m: ". " + m[1].upper(), text)


_UK = [
    (r"edema", "oedema"), (r"orthopedic", "orthopaedic"), (r"anesthe", "anaesthe"),
    (r"pediatric", "paediatric"), (r"esophag", "oesophag"), (r"hemorrh", "haemorrh"),
    (r"behavior", "behaviour"), (r"\bcolor", "colour"), (r"\bcenter", "centre"),
    (r"\bfiber", "fibre"), (r"\btumor", "tumour"), (r"\blabor\b", "labour"),
    (r"\bfavor", "favour"), (r"\bprogram\b", "programme"), (r"\bprograms\b", "programmes"),
    (r"\banalyz", "analys"), (r"\bparalyz", "paralys"), (r"\bgray\b", "grey"),
    (r"\bhumor", "humour"), (r"\bleukocyte", "leucocyte"), (r"\banemi", "anaemi"),
    (r"\bdiarrhea", "diarrhoea"), (r"\bishemi", "ischaemi"), (r"\bischemi", "ischaemi"),
]


def _uk(text: str) -> str:
    for us, uk in _UK:
        text = re.sub(us, lambda m, uk=uk: _cap(uk, m[0]), text, flags=re.I)
    return re.sub(
        r"\b(\w{3,}?)iz(e|ed|es|ing|ation|ations)\b",
        lambda m: m[0] if m[1].lower() in ("se", "pr", "sei") else f"{m[1]}is{m[2]}",
        text,
    )


_ABBREVIATIONS = [
    (r"physical therapy", "PT"), (r"range of motion", "ROM"), (r"straight leg rais(e|ing)", "SLR"),
    (r"tenderness to palpation", "TTP"), (r"magnetic resonance imaging", "MRI"),
    (r"electromyograph(y|ic studies|ic study)", "EMG"),
    (r"nerve conduction (velocity )?stud(y|ies)", "NCS"), (r"home exercise program", "HEP"),
    (r"activities of daily living", "ADLs"), (r"cervical spine", "C-spine"),
    (r"lumbar spine", "L-spine"), (r"low back pain", "LBP"),
    (r"transcutaneous electrical nerve stimulation", "TENS"),
    (r"non-?steroidal anti-?inflammatory (drugs|medications)", "NSAIDs"),
]


def _abbreviations(text: str) -> str:
    """The abbreviations reviewers and treating physicians write ("PT", "ROM", "SLR")."""
    for long, short in _ABBREVIATIONS:
        text = re.sub(rf"\b{long}\b", short, text, flags=re.I)
    return text


_VERBS = [
    (r"\brevealed\b", "showed"), (r"\bwas notable for\b", "showed"),
    (r"\bwere notable for\b", "showed"), (r"\bdemonstrated\b", "showed"),
    (r"\bcomplains of\b", "reports"), (r"\bcomplained of\b", "reported"),
    (r"\bdiminished\b", "decreased"), (r"\bis noted\b", "is seen"),
]


def _verbs(text: str) -> str:
    """One verb for another of the same meaning ("revealed" / "was notable for" -> "showed")."""
    for a, b in _VERBS:
        text = re.sub(a, lambda m, b=b: _cap(b, m[0]), text, flags=re.I)
    return text


def _pdf_wrap(text: str) -> str:
    """Hard line breaks about every 80 characters and two spaces after a full stop."""
    text = re.sub(r"([.!?]) (?=[A-Z])", r"\1  ", text)
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) > 80:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _pdf_glue(text: str) -> str:
    """Sentences glued by the text layer: 'word. Word' -> 'word.Word'."""
    return re.sub(r"(?<=[a-z])\. (?=[A-Z][a-z])", ".", text)


RULES: dict[str, Callable[[str], str]] = {
    "date 10-14-16": _dates("dash"),
    "date 10/14/2016": _dates("slash"),
    "date October 14, 2016": _dates("long"),
    "the patient": _person("patient"),
    "the claimant": _person("claimant"),
    "he / she": _pronoun,
    "lead: Per the progress report dated X,": _lead("per"),
    "lead: Medical records dated X indicate": _lead("records"),
    "lead: On X,": _lead("on"),
    "pain 7/10": _pain_slash,
    "pain 7 out of 10": _pain_words,
    "numbers as digits": _num_digits,
    "numbers as words": _num_words,
    "Prior treatment included": _treatment("Prior treatment included"),
    "Treatment to date has included": _treatment("Treatment to date has included"),
    "UR denied": _ur_denied,
    "utilization review non-certified": _ur_noncertified,
    "sentences joined with ;": _join("; "),
    "sentences joined with , and": _join(", and "),
    "sentences split at ;": _split,
    "UK spelling": _uk,
    "abbreviations (PT, ROM, SLR)": _abbreviations,
    "verbs (revealed / was notable for -> showed)": _verbs,
    "PDF line breaks and double spaces": _pdf_wrap,
    "PDF glued sentences": _pdf_glue,
}


def _chain(*names: str) -> Callable[[str], str]:
    def run(text: str) -> str:
        for name in names:
            text = RULES[name](text)
        return text

    return run


# A later letter differs in several ways at once: two chains of the rules above.
RULES["all at once (a)"] = _chain(
    "date October 14, 2016", "the claimant", "lead: Per the progress report dated X,",
    "pain 7/10", "numbers as digits", "Prior treatment included", "UR denied",
    "sentences joined with , and", "UK spelling", "PDF line breaks and double spaces",
)
RULES["all at once (b)"] = _chain(
    "date 10/14/2016", "he / she", "the patient", "lead: On X,", "pain 7 out of 10",
    "numbers as words", "Treatment to date has included", "utilization review non-certified",
    "sentences joined with ;", "PDF glued sentences",
)


def _reading(item):  # type: ignore[no-untyped-def]
    """An item's topic and the status of each of its criteria."""
    return item.topic, tuple(f"{c.id}={c.status or c.met}" for c in item.criteria)


def tuning_bundles(directory: Path) -> list[Path]:
    """The bundles of the tuning third, as `openimr eval` splits the letters."""
    from openimr import load_bundle
    from openimr.evaluation import split_cases

    decided, files = {}, {}
    for f in sorted(x for x in directory.rglob("*") if x.suffix in (".yaml", ".yml", ".json")):
        b = load_bundle(f)
        if any(r.expected for r in b.requests):
            decided[b.case_number] = b.dates.decision
            files[b.case_number] = f
    tune, _ = split_cases(decided)
    return [files[c] for c in sorted(tune)]


def rewrite(bundle, rule: Callable[[str], str]):  # type: ignore[no-untyped-def]
    data = bundle.model_dump(mode="json")
    for r in data["records"]:
        r["text"] = rule(r["text"])
    return type(bundle).model_validate(data)


def main(argv: list[str] | None = None) -> int:
    import openimr
    from openimr import load_bundle

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundles", type=Path, help="bundles already built from the letters")
    ap.add_argument("--rule", action="append", help="only these rules (repeatable)")
    ap.add_argument("--verbose", action="store_true", help="list the criteria read differently")
    ap.add_argument("--dump", nargs=2, metavar=("CASE", "RULE"), help="print one rewrite")
    args = ap.parse_args(argv)
    rules = {k: v for k, v in RULES.items() if not args.rule or k in args.rule}

    with tempfile.TemporaryDirectory() as tmp:
        directory = args.bundles
        if directory is None:
            directory = Path(tmp)
            subprocess.run(
                [sys.executable, "-m", "openimr", "letters", "to-bundle", str(LETTERS), "-o",
                 str(directory)],
                check=True,
                capture_output=True,
            )
        files = tuning_bundles(directory)
        bundles = [load_bundle(f) for f in files]

    if args.dump:
        case, name = args.dump
        for b in bundles:
            if b.case_number == case:
                for r in rewrite(b, RULES[name]).records:
                    print(r.text)
                return 0
        print(f"{case} is not a tuning bundle", file=sys.stderr)
        return 1

    base = {b.case_number: openimr.decide(b).items for b in bundles}
    n_items = sum(len(v) for v in base.values())
    unstable: set[tuple[str, str]] = set()
    print(f"tuning third: {len(bundles)} letters, {n_items} items\n")
    for name, rule in rules.items():
        touched, flips, read = 0, [], []
        for b in bundles:
            new = rewrite(b, rule)
            if [r.text for r in new.records] == [r.text for r in b.records]:
                continue
            touched += 1
            for req, old, item in zip(b.requests, base[b.case_number], openimr.decide(new).items,
                                      strict=True):
                if _reading(item) != _reading(old):
                    a, b_ = _reading(old), _reading(item)
                    diff = sorted(set(a[1]) ^ set(b_[1])) if a[0] == b_[0] else [a[0], b_[0]]
                    read.append(f"    {b.case_number} #{req.id} {diff}")
                if item.decision != old.decision:
                    flips.append(
                        f"    {b.case_number} #{req.id} {old.decision} -> {item.decision} "
                        f"[{old.topic} -> {item.topic}]: {req.item[:60]}"
                    )
                    unstable.add((b.case_number, req.id))
        print(
            f"{name:42} letters rewritten {touched:3}  decisions changed {len(flips)}  "
            f"criteria read differently {len(read)}"
        )
        for line in flips + (read if args.verbose else []):
            print(line)
    stable = n_items - len(unstable)
    print(f"\nitems whose decision is the same under every rewrite: {stable} of {n_items}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
