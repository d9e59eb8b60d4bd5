import pytest

from newsprism.mastheads import from_masthead, from_prompt, name_at, outlet_name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("¿Te ha gustado? Suscríbete al boletín de El Faro Sur", "El Faro Sur"),
        ("Soutenez-nous : abonnez-vous à La Voix du Plateau", "La Voix du Plateau"),
        ("Nordlicht-Newsletter: Jetzt kostenlos abonnieren!", "Nordlicht"),
        ("Get the Riverside Gazette in your inbox every morning", "Riverside Gazette"),
        ("To subscribe to the newsletter of the Courier", "Courier"),
        ("Subscribe to the Valley Herald", "Valley Herald"),
    ],
)
def test_a_prompt_names_its_outlet(line: str, name: str) -> None:
    assert from_prompt(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter",
        "Sign up for our Morning Bid newsletter.",  # a product of the outlet, not its name
        "Sign up for the Evening Briefing newsletter",
        "Subscribe now",
        "Abonnez-vous",
        # a sentence of the article, not a prompt
        "Few economists subscribe to the view that Rates Will Fall soon, analysts at the bank said today.",
    ],
)
def test_prompts_without_an_outlet_name_give_none(line: str) -> None:
    assert from_prompt(line) is None


def test_a_masthead_is_outlet_section_date() -> None:
    assert from_masthead("Lakeside Evening Star | Politics | 4 May 2026") == "Lakeside Evening Star"
    assert from_masthead("Lakeside Evening Star · Politik · 04.05.2026 08:10") == "Lakeside Evening Star"
    assert from_masthead("Zprávy | 14. dubna 2026") is None  # a section and a date
    assert from_masthead("Home | News | World") is None  # a menu
    assert from_masthead("Home | News | 12:30") is None
    assert from_masthead("Wirtschaft | Hafen | 03.03.2026") is None  # section, subsection, date
    assert from_prompt("Subscribe to the Business newsletter") is None


def test_names_stop_at_lower_case_words_and_trailing_connectors() -> None:
    assert name_at("Post of the North in your inbox") == "Post of the North"
    assert name_at("Courier of the day") == "Courier"
    assert name_at("our newsletter") is None


def test_the_page_that_republished_a_wire_story_is_its_outlet_not_the_agency() -> None:
    removed = ["Lakeside Evening Star | Business | 2 March 2026", "Share this", "Subscribe now"]
    assert outlet_name(removed, agency="Meridian Wire") == "Lakeside Evening Star"
    assert outlet_name(["© 2026 Daily Lantern"], agency="AP") == "Daily Lantern"
    assert outlet_name(["Share this", "Log in to comment"], agency="AP") == "AP"
    assert outlet_name([], agency=None) is None
