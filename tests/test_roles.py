"""The role and name helpers of rules/names.py: parse_role, roles_conflict, canonical_name."""
from __future__ import annotations

import pytest

from recoupe.rules.names import canonical_name, parse_role, roles_conflict
from recoupe.rules.names import name_key as _nkey


@pytest.mark.parametrize(
    "value,lang,office,modifier,country",
    [
        ("président américain", "fr", "président", None, "US"),
        ("ancien président américain", "fr", "président", "ancien", "US"),
        ("président", "fr", "président", None, None),
        ("chancelier allemand", "fr", "chancelier", None, "DE"),
        ("premier ministre italien", "fr", "premier ministre", None, "IT"),
        ("Première ministre italienne", "fr", "premier ministre", None, "IT"),
        ("secrétaire général de l'otan", "fr", "secrétaire général", None, "NATO"),
        ("secrétaire général de l’Otan", "fr", "secrétaire général", None, "NATO"),
        ("porte-parole de la diplomatie russe", "fr", "porte-parole de la diplomatie", None, "RU"),
        ("ministre des affaires étrangères français", "fr", "ministre des affaires étrangères", None, "FR"),
        ("président de l'Ukraine", "fr", "président", None, "UA"),
        ("ex-président américain", "fr", "président", "ancien", "US"),
        ("futur président américain", "fr", "président", "futur", "US"),
        ("us president", "en", "president", None, "US"),
        ("former us president", "en", "president", "former", "US"),
        ("German Chancellor", "en", "chancellor", None, "DE"),
        ("nato secretary general", "en", "secretary general", None, "NATO"),
        ("secretary general of NATO", "en", "secretary general", None, "NATO"),
        ("Ukraine's president", "en", "president", None, "UA"),
        ("president-elect", "en", "president", "future", None),
    ],
)
def test_parse_role(value, lang, office, modifier, country):
    r = parse_role(value, lang)
    assert (r["office"], r["modifier"], r["country"]) == (office, modifier, country)


def test_parse_role_keys_are_language_independent():
    assert parse_role("premier ministre italien", "fr")["key"] == parse_role("italian prime minister", "en")["key"]
    assert parse_role("porte-parole de la diplomatie russe", "fr")["key"] == \
        parse_role("russian foreign ministry spokesperson", "en")["key"]
    assert parse_role("ancien président américain", "fr")["time"] == parse_role("former us president", "en")["time"] == "former"


def test_parse_role_relative_title():
    r = parse_role("émissaire spécial du président américain", "fr")
    assert r["office"] == "émissaire spécial"
    assert r["of"]["office"] == "président" and r["of"]["country"] == "US"


def test_parse_role_unknown():
    r = parse_role("homologue ukrainien", "fr")
    assert r["office"] is None and r["country"] is None


@pytest.mark.parametrize(
    "a,b,la,lb,expected",
    [
        # former vs sitting holder of the same office
        ("ancien président américain", "président américain", "fr", "fr", True),
        ("former us president", "us president", "en", "en", True),
        ("former us president", "président américain", "en", "fr", True),
        ("ancien président américain", "président", "fr", "fr", True),
        # same office, different countries
        ("président américain", "président ukrainien", "fr", "fr", True),
        ("secrétaire général de l'otan", "secrétaire général de l'onu", "fr", "fr", True),
        # a role without a country is compatible with the same office with one
        ("président", "président ukrainien", "fr", "fr", False),
        ("president", "président ukrainien", "en", "fr", False),
        # the same role, written differently
        ("premier ministre italien", "Première ministre italienne", "fr", "fr", False),
        ("premier ministre italien", "italian prime minister", "fr", "en", False),
        ("président américain", "us president", "fr", "en", False),
        # heads of state and government of one country exclude each other
        ("président français", "premier ministre français", "fr", "fr", True),
        ("chancelier allemand", "président allemand", "fr", "fr", True),
        ("président français", "ministre des affaires étrangères français", "fr", "fr", True),
        # issue 10: two ministries of one country are two persons' offices ...
        ("ministre de la défense français", "ministre des affaires étrangères français", "fr", "fr", True),
        ("ministre du travail", "ministre des armées", "fr", "fr", True),
        # ... unless listed as held together, or one title names the other's domain
        ("ministre de l'économie", "ministre des finances", "fr", "fr", False),
        ("ministre du travail et de la santé", "health minister", "fr", "en", False),
        ("ministre de la culture", "health minister", "fr", "en", True),
        # a shorter complement names the same office
        ("ancien président de la région", "président de la région valencienne", "fr", "fr", True),
        ("président de la région", "président de la région valencienne", "fr", "fr", False),
        # national offices of two countries
        ("président américain", "chancelier allemand", "fr", "fr", True),
        ("premier ministre néerlandais", "secrétaire général de l'otan", "fr", "fr", True),
        # a former office beside a current one
        ("ancien premier ministre néerlandais", "secrétaire général de l'otan", "fr", "fr", False),
        # a relative title and the title it is relative to
        ("émissaire spécial du président américain", "président américain", "fr", "fr", True),
        ("émissaire spécial du président américain", "émissaire spécial", "fr", "fr", False),
        # unknown titles never conflict
        ("homologue ukrainien", "président américain", "fr", "fr", False),
    ],
)
def test_roles_conflict(a, b, la, lb, expected):
    assert roles_conflict(a, b, la, lb) is expected
    assert roles_conflict(b, a, lb, la) is expected


@pytest.mark.parametrize(
    "name,canonical",
    [
        ("Volodymyr Zelensky", "Volodymyr Zelensky"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenski", "Volodymyr Zelensky"),
        ("Volodimir Zelensky", "Volodymyr Zelensky"),
        ("Wolodymyr Selenskyj", "Volodymyr Zelensky"),
        ("VOLODYMYR ZELENSKYY", "Volodymyr Zelensky"),
        ("Vladimir Putin", "Vladimir Poutine"),
        ("Poutine", "Vladimir Poutine"),
        ("Emmanuel Macron", "Emmanuel Macron"),
        ("J.D. Vance", "J. D. Vance"),
        ("Jean  Dupont", "Jean Dupont"),
        ("Jean-Marie O’Brien", "Jean-Marie O'Brien"),
    ],
)
def test_canonical_name(name, canonical):
    assert canonical_name(name, "fr") == canonical
    assert canonical_name(name, "en") == canonical


def test_canonical_name_extra_table():
    extra = {"Ioulia Svyrydenko": ["Yulia Svyrydenko"], "Jean Dupont": ["J. Dupont", "Jean Dupond"]}
    assert canonical_name("Jean Dupond", "fr", extra) == "Jean Dupont"
    assert canonical_name("J. Dupont", "fr", extra) == "Jean Dupont"
    assert canonical_name("Jean Dupond", "fr") == "Jean Dupond"
    assert canonical_name("Zelenskyy", "fr", extra) == "Volodymyr Zelensky"


def test_name_variants_are_unambiguous():
    from recoupe.rules.text import data

    owner: dict[str, str] = {}
    for canonical, variants in data("names.yaml")["names"].items():
        for v in [canonical, *(variants or [])]:
            assert owner.setdefault(_nkey(v), canonical) == canonical, f"{v!r} names {owner[_nkey(v)]} and {canonical}"


def test_lexicon_office_keys_shared_by_languages():
    from recoupe.rules.text import data

    fr = {o["key"] for o in data("roles_fr.yaml")["offices"]}
    en = {o["key"] for o in data("roles_en.yaml")["offices"]}
    core = {"president", "prime minister", "chancellor", "secretary general", "minister", "spokesperson"}
    assert core <= fr and core <= en


def test_extractor_uses_configured_names():
    from recoupe.checker.pipeline import Extractor
    from recoupe.checker.registry import load_registry
    from recoupe.checker.schema import Article, claim_records

    reg = load_registry(entry_points=False)
    base = Extractor.from_registry(reg)
    ex = Extractor(base.extractors, base.annotators, {"names": {"Jean Dupont": ["Jean Dupond"]}})
    art = Article(id="a", text="Le ministre français Jean Dupond est arrivé.", lang="fr")
    claims = [c for c in claim_records(ex.run([art])) if c["rule"] == "R01"]
    assert [(c["value"], c["subject"]) for c in claims] == [("ministre français", "Jean Dupont")]


def test_one_scan_is_fast():
    """The patterns are compiled once; a long article is scanned in well under a second."""
    import time

    from recoupe.checker.pipeline import ArticleContext
    from recoupe.checker.schema import Article
    from recoupe.rules import r01_role

    text = ("Le président américain Donald Trump a parlé avec le chancelier allemand Friedrich Merz. "
            "Emmanuel Macron, le président français, a répondu. L'ancien président américain pousse. ") * 300
    ctx = ArticleContext(Article(id="a", text=text, lang="fr"), "fr")
    list(r01_role.extract(ctx))  # warm the caches
    t = time.perf_counter()
    ctx = ArticleContext(Article(id="a", text=text, lang="fr"), "fr")
    n = len(list(r01_role.extract(ctx)))
    assert n >= 900
    assert time.perf_counter() - t < 2.0


def test_check_json_gives_each_claim_its_side(tmp_path):
    """Three articles, two agreeing: the agreeing claims share a side, end to end."""
    import json

    from conftest import run_cli

    story = tmp_path / "remaniement"
    story.mkdir()
    (story / "a.txt").write_text("date 2025-03-02\n\nLa ministre de la Mer Inès Calvet a visité le port de Sète.\n", encoding="utf-8")
    (story / "b.txt").write_text("date 2025-03-02\n\nLa ministre de la Mer Inès Calvet a visité le port de Sète.\n", encoding="utf-8")
    (story / "c.txt").write_text("date 2025-03-02\n\nL'ancienne ministre de la Mer Inès Calvet a visité le port de Sète.\n", encoding="utf-8")
    done = run_cli("check", str(tmp_path), "--format", "json")
    assert done.returncode == 1, done.stderr
    found = [d for d in json.loads(done.stdout) if d["rule"] == "C02"]
    assert len(found) == 1
    sides = {c["doc"].rsplit("/", 1)[-1]: c["side"] for c in found[0]["claims"]}
    assert set(sides) == {"a.txt", "b.txt", "c.txt"}
    assert sides["a.txt"] == sides["b.txt"] != sides["c.txt"]


def test_acting_and_full_holder_conflict():
    assert roles_conflict("acting chief executive", "chief executive", "en", "en")
    assert not roles_conflict("acting chief executive", "acting chief executive", "en", "en")
    assert roles_conflict("pdg par intérim", "pdg", "fr", "fr")
