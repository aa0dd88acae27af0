"""A01 (attribution) and A02 (predicate, context) on the claims of the date and time rules.

The annotators make no claims of their own, so the rule fixture driver cannot test
them (it keeps the claims whose ``rule`` is the fixture's); these tests run the whole
extractor on texts written by hand and check the fields the annotators set.
"""
from __future__ import annotations

import pytest

from conftest import make_article


def _claims(extractor, text, lang="fr", date=None):
    from recoupe.checker.schema import claim_records

    return claim_records(extractor.run([make_article(text, lang, date)]))


def _one(claims, text):
    found = [c for c in claims if c["text"] == text]
    assert found, f"no claim {text!r} among {[c['text'] for c in claims]}"
    return found[0]


@pytest.mark.parametrize("lang,text,claim,source", [
    ("fr", "Selon la police, la manifestation a commencé à 10h30.", "10h30", "police"),
    ("fr", "Selon la CGT, le cortège est parti à 10h30.", "10h30", "cgt"),
    ("fr", "D'après l'AFP, la réunion a commencé à 10h30.", "10h30", "afp"),
    ("fr", "L'entretien a débuté peu après 14H00 (12H00 GMT), a indiqué l'Elysée.", "14H00", "elysee"),
    ("fr", "L'entretien a débuté peu après 14H00 (12H00 GMT), a indiqué l'Elysée.", "12H00 GMT", "elysee"),
    ("fr", "Les pays se sont engagés à participer, a annoncé jeudi Emmanuel Macron.", "jeudi", "emmanuel macron"),
    ("fr", "Le président français a déclaré vouloir partir à 10h30.", "10h30", "president francais"),
    ("fr", "Emmanuel Macron a annoncé que le sommet commencera à 10h30.", "10h30", "emmanuel macron"),
    ("fr", "Berlin veut agir dès 2026, selon des informations du magazine Der Spiegel, confirmées par l'AFP.",
     "dès 2026", "der spiegel"),
    ("fr", "Le sommet a eu lieu en 2022, a affirmé jeudi le secrétaire général de l'Otan Mark Rutte.",
     "en 2022", "secretaire general de l'otan mark rutte"),
    ("fr", "La réunion aura lieu en 2026, a indiqué à l'AFP une source gouvernementale allemande avant le sommet.",
     "en 2026", "source gouvernementale allemande"),
    ("en", "According to police, the march started at 10:30.", "10:30", "police"),
    ("en", "The march started at 10:30, police said.", "10:30", "police"),
    ("en", "The mayor told reporters the march started at 10:30.", "10:30", "mayor"),
    ("en", "The march started at 10:30, said the mayor.", "10:30", "mayor"),
])
def test_attribution(extractor, lang, text, claim, source):
    assert _one(_claims(extractor, text, lang), claim)["attribution"] == source


@pytest.mark.parametrize("lang,text", [
    ("fr", "La manifestation a commencé à 10h30."),
    ("fr", "« Nous partirons à 10h30 », a-t-il affirmé."),
    ("fr", "Le sommet a eu lieu en 2022 après que 26 pays ont confirmé leur volonté."),
    ("en", "The march started at 10:30 after a long wait."),
])
def test_no_attribution(extractor, lang, text):
    claims = _claims(extractor, text, lang)
    assert claims
    assert all(c["attribution"] is None for c in claims)


@pytest.mark.parametrize("lang,text,claim,predicate", [
    ("fr", "La manifestation a commencé à 10h30 devant la mairie.", "10h30", "commencer"),
    ("fr", "Les dirigeants sont réunis ce jeudi 4 septembre 2025 à Paris.", "jeudi 4 septembre 2025", "réunir"),
    ("fr", "Les pays se sont engagés à participer, a annoncé jeudi Emmanuel Macron.", "jeudi", "annoncer"),
    ("fr", "L'entretien a débuté jeudi peu après 14H00 (12H00 GMT), a indiqué l'Elysée.", "14H00", "débuter"),
    ("fr", "L'entretien a débuté jeudi peu après 14H00 (12H00 GMT), a indiqué l'Elysée.", "12H00 GMT", "débuter"),
    ("fr", "L'Allemagne va présenter jeudi ses propositions.", "jeudi", "présenter"),
    ("fr", "La Russie a dénoncé jeudi des garanties de danger pour le continent.", "jeudi", "dénoncer"),
    ("en", "The protest started at 10:30 outside the town hall.", "10:30", "start"),
    ("en", "Nearly a million people were displaced in 2022.", "in 2022", "displace"),
])
def test_predicate(extractor, lang, text, claim, predicate):
    assert _one(_claims(extractor, text, lang), claim)["predicate"] == predicate


def test_predicate_of_counts(extractor):
    """The number rules' claims, once they exist (seed sentences)."""
    cases = [
        ("Emmanuel Macron a annoncé que «26 pays ont confirmé leur volonté de mettre des troupes».", "confirmer"),
        ("Vingt-six pays, essentiellement européens, se sont \"engagés\" à participer à une force.", "engager"),
        ("Cette rencontre précède un sommet qui vise à rassembler 35 pays autour d'un objectif.", "rassembler"),
        ("Alors que 100.000 soldats russes se regroupent autour de Pogrorsk.", "regrouper"),
        ("En quelques heures, près de 100.000 soldats russes ont été déployés autour de la ville.", "déployer"),
    ]
    for text, predicate in cases:
        counts = [c for c in _claims(extractor, text) if c["kind"] == "quantity"]
        assert counts, text
        assert counts[0]["predicate"] == predicate, text


def test_context(extractor):
    c = _one(_claims(extractor, "La manifestation a commencé à 10h30 devant la mairie de Lyon."), "10h30")
    words = c["context"].split()
    assert words == sorted(set(words))
    assert {"manifestation", "mairie", "lyon", "commencer"} <= set(words)
    assert not {"la", "de", "à", "devant", "10h30"} & set(words)


def test_context_is_bounded_and_excludes_the_span(extractor):
    text = ("Le 4 septembre 2025, les dirigeants européens, américains, canadiens, japonais, australiens, "
            "coréens, brésiliens, indiens, mexicains, turcs, norvégiens et suisses ont signé un accord.")
    c = _one(_claims(extractor, text), "4 septembre 2025")
    words = c["context"].split()
    assert 0 < len(words) <= 12
    assert "septembre" not in words and "2025" not in words


def test_no_predicate_without_claims(extractor):
    assert _claims(extractor, "Bonjour à tous.") == []


@pytest.mark.parametrize("lang,text,claim", [
    ("en", "Prime Minister Pedro Sanchez declared three days of mourning.", "Prime Minister Pedro Sanchez"),
    ("en", "Fifteen percent said they would like to travel.", "Fifteen percent"),
    ("en", "In Rwanda there were on average 8,000 victims per day.", "8,000 victims per day"),
    ("en", "The company added 500 jobs in July.", "500 jobs"),
])
def test_no_source_from_the_claim_itself_or_a_rate(extractor, lang, text, claim):
    assert _one(_claims(extractor, text, lang), claim)["attribution"] is None
