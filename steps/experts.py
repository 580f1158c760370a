"""The experts list and the expert card: API 2.1–2.2 (screens 5, 6)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import directory
from fixtures.expect import mismatch


def numbers(pattern: str) -> parsers.parse:
    return parsers.parse(pattern, extra_types=directory.STEP_TYPES)


# ---- experts on the target -----------------------------------------------------------------------


@given(parsers.parse("{count:d} expert in one category"), target_fixture="group")
@given(parsers.parse("{count:d} experts in one category"), target_fixture="group")
def experts_in_one_category(seeder, count):
    return directory.seed_group(seeder, count)


@given(parsers.parse("{count:d} expert in another category"), target_fixture="other_group")
@given(parsers.parse("{count:d} experts in another category"), target_fixture="other_group")
def experts_in_another_category(seeder, count):
    return directory.seed_group(seeder, count)


@given(numbers("experts rated {ratings:Numbers} in one category"), target_fixture="group")
def experts_rated(seeder, ratings):
    return directory.seed_group(seeder, ratings=tuple(ratings))


@given(parsers.parse('an expert named "{first_name} {last_name}"'), target_fixture="expert")
def an_expert_named(seeder, first_name, last_name):
    return seeder.expert(first_name=first_name, last_name=last_name)


# ---- asking the API ------------------------------------------------------------------------------


@when("the client lists the experts of that category", target_fixture="response")
def list_category(api, client, group):
    return api.experts(api.access_token(client), category=directory.category_id(api, group.category))


@when(parsers.parse("the client lists the experts of that category rated at least {minimum:d}"), target_fixture="response")
def list_category_rated(api, client, group, minimum):
    return api.experts(api.access_token(client), category=directory.category_id(api, group.category), rating=minimum)


@when("the client lists the experts of a category that does not exist", target_fixture="response")
def list_unknown_category(api, client):
    return api.experts(api.access_token(client), category=directory.unknown_category_id(api))


@when(parsers.parse('the client searches the experts for "{query}"'), target_fixture="response")
def search(api, client, query):
    return api.experts(api.access_token(client), search=query, limit=100)


@when("the client searches the experts for a name nobody has", target_fixture="response")
def search_nobody(api, client, builders):
    return api.experts(api.access_token(client), search=builders.nobody_name())


@when(parsers.parse("the client reads the experts of that category {size:d} to a page"), target_fixture="pages")
def read_pages(api, client, group, size):
    return directory.pages_of(api, api.access_token(client), size, category=directory.category_id(api, group.category))


@when(parsers.parse('the client lists the experts with {parameter} "{value}"'), target_fixture="response")
def list_with_parameter(api, client, parameter, value):
    return api.experts(api.access_token(client), **{parameter: value})


@when("the client opens that expert's card", target_fixture="response")
def open_card(api, client, group):
    return api.expert(api.access_token(client), group.experts[0].id)


@when("the client opens the card of an expert that does not exist", target_fixture="response")
def open_unknown_card(api, client):
    return api.expert(api.access_token(client), 10**9)


# ---- what the list and the card say --------------------------------------------------------------


@then("the page lists exactly the experts of that category")
def lists_exactly_the_group(response, group):
    listed = directory.ids_of(response)
    assert listed == group.ids, mismatch("experts listed for the category (ids, in order)", group.ids, listed)


@then(parsers.parse("the page lists exactly the experts of that category rated at least {minimum:d}"))
def lists_exactly_rated(response, group, minimum):
    expected, listed = group.rated_at_least(minimum), directory.ids_of(response)
    assert listed == expected, mismatch(f"experts rated at least {minimum}", expected, listed)


@then("each listed expert shows the name, rating, price and category they were registered with")
def list_items_show_registration(response, group):
    expected, shown = [directory.registered(e) for e in group.experts], directory.shown(response)
    assert shown == expected, mismatch("what the list items show", expected, shown)


@then(parsers.parse("the page reports a count of {count:d} on page {page:d}"))
def page_reports_count(response, count, page):
    reported = directory.page_summary(response)
    assert reported == (count, page, count), mismatch("count, page and number of results", (count, page, count), reported)


@then("the expert is among the results")
def expert_among_results(response, expert):
    assert expert.id in directory.ids_of(response), \
        f"{expert.first_name} {expert.last_name} (#{expert.id}) is not among {directory.names_of(response)}"


@then(parsers.parse("the pages hold {sizes}"))
def pages_hold(pages, sizes):
    expected = directory.parse_counts(sizes)
    held = [len(page.json()["results"]) for page in pages if page.json()["results"]]
    assert held == expected, mismatch("experts per page", expected, held)


@then("no expert appears on two pages")
def no_overlap(pages):
    repeated = directory.repeated_ids(pages)
    assert not repeated, f"experts listed on more than one page: {repeated}"


@then("together the pages list every expert of that category in order of id")
def pages_cover_group(pages, group):
    listed = [i for page in pages for i in directory.ids_of(page)]
    assert listed == group.ids, mismatch("experts over all pages", group.ids, listed)


@then(parsers.parse("every page reports a count of {count:d}"))
def every_page_counts(pages, count):
    counts = [page.json()["count"] for page in pages]
    assert set(counts) == {count}, mismatch("count on each page", count, counts)


@then("the card shows the name, rating, price, category and description the expert was registered with")
def card_shows_registration(response, group):
    expected, shown = directory.registered(group.experts[0], card=True), directory.as_registered(response.json(), card=True)
    assert shown == expected, mismatch("what the expert card shows", expected, shown)


@then("the card agrees with the expert's entry in the list")
def card_agrees_with_list(api, client, response, group):
    item = directory.list_entry(api, api.access_token(client), group)
    differing = {k: (v, response.json().get(k)) for k, v in item.items() if response.json().get(k) != v}
    assert not differing, f"the card differs from the list item (list, card): {differing}"
