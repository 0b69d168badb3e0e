"""Communication in a browser: the convener of a working group schedules a meeting, a partner
answers the invitation, the convener takes attendance and approves the minutes with a decision
and an action item, and the partner sees the action item on their home, in English and Arabic;
and axe-core over every page of communication in English, Hebrew and Arabic (right to left)."""

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest

from communication.models import (
    ActionItem,
    Answer,
    Decision,
    Meeting,
    MeetingInvitation,
    Minutes,
    MinutesState,
)
from tests.communication.feed_factories import media
from tests.communication.meet_factories import convener_partner, group
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD

__all__ = ["media"]
pytestmark = pytest.mark.browser

ZONE = "Asia/Jerusalem"
LOCAL = "%Y-%m-%dT%H:%M"


def in_language(page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def no_violations(page) -> None:
    violations = serious_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


def local(minutes: int) -> str:
    """A wall-clock time in the meeting's zone, `minutes` from now, as the form takes it."""
    return (datetime.now(zoneinfo.ZoneInfo(ZONE)) + timedelta(minutes=minutes)).strftime(LOCAL)


def submit(page) -> None:
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()


def switch_to(page, live_server, language: str, email: str) -> None:
    page.context.clear_cookies()
    in_language(page, live_server, language)
    sign_in(page, email, PASSWORD)


@pytest.fixture
def working_group(world):
    """A partner representative convenes the Curriculum group; the partner is a member."""
    convener = convener_partner(world)
    convener.full_name = "Yael Cohen"
    convener.save(update_fields=["full_name"])
    world.partner.full_name = "Rami Haddad"
    world.partner.save(update_fields=["full_name"])
    return group(world, convener=convener, members=[convener, world.partner])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_meeting_from_invitation_to_the_partners_action_item(
    page, live_server, world, working_group, language
):
    slug, convener, partner = world.initiative.slug, working_group.convener, world.partner
    rtl = language == "ar"
    title = "ועדת תוכנית לימודים" if rtl else "Curriculum committee"

    # The convener schedules the group's meeting, a quarter of an hour from now.
    in_language(page, live_server, language)
    sign_in(page, convener.email, PASSWORD)
    page.goto(f"/initiatives/{slug}/meetings/")
    page.locator(f"main a[href$='/initiatives/{slug}/meetings/new/']").first.click()
    page.wait_for_url("**/meetings/new/**")
    page.select_option("select[name=working_group]", str(working_group.pk))
    page.select_option("select[name=kind]", "working_group")
    page.fill("input[name=title]", title)
    page.fill("input[name=starts_at]", local(15))
    page.fill("input[name=ends_at]", local(75))
    page.select_option("select[name=time_zone]", ZONE)
    page.fill("input[name=place]", "Beersheba")
    shoot(page, f"comm_story_{language}_1_form")
    submit(page)
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get()
    assert (meeting.working_group, meeting.convener) == (working_group, convener)
    assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr")

    # ... adds an item to its agenda and invites the partner.
    page.locator(f"main a[href$='/meetings/{meeting.pk}/items/new/']").click()
    page.fill("input[name=title]", "Math clubs in the Negev")
    page.fill("input[name=minutes_allotted]", "20")
    submit(page)
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    page.locator(f"main a[href$='/meetings/{meeting.pk}/invite/']").click()
    page.check(f"input[name=people][value='{partner.pk}']")
    submit(page)
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert MeetingInvitation.objects.filter(meeting=meeting, user=partner).exists()

    # The partner answers the invitation before the meeting starts.
    switch_to(page, live_server, language, partner.email)
    page.goto(f"/initiatives/{slug}/meetings/{meeting.pk}/")
    page.check(f"input[name=answer][value={Answer.ATTENDING}]")
    page.fill("input[name=note]", "Coming with a colleague")
    shoot(page, f"comm_story_{language}_2_invitee")
    page.locator(f"form[action$='/meetings/{meeting.pk}/answer/'] button[type=submit]").click()
    page.wait_for_load_state()
    invitation = MeetingInvitation.objects.get(meeting=meeting, user=partner)
    assert invitation.answer == Answer.ATTENDING

    # The convener opens the meeting (its start moved to half an hour ago, as it began early)
    # and takes attendance.
    switch_to(page, live_server, language, convener.email)
    page.goto(f"/initiatives/{slug}/meetings/{meeting.pk}/edit/")
    page.fill("input[name=starts_at]", local(-30))
    page.fill("input[name=ends_at]", local(30))
    submit(page)
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    page.locator(f"main a[href$='/meetings/{meeting.pk}/attendance/']").click()
    page.check(f"input[name=people][value='{partner.pk}']")
    page.check(f"input[name=people][value='{convener.pk}']")
    submit(page)
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert set(meeting.attendance.values_list("user_id", flat=True)) == {partner.pk, convener.pk}
    assert page.get_attribute("html", "lang") == language
    # Latin names in an Arabic page keep their own direction.
    came = page.locator("section[aria-labelledby=attendance-heading] li bdi")
    assert came.filter(has_text="Rami Haddad").count() == 1
    shoot(page, f"comm_story_{language}_3_meeting")

    # ... writes the minutes, records a decision and gives the partner an action item.
    page.goto(f"/initiatives/{slug}/meetings/{meeting.pk}/minutes/")
    page.locator(f"main a[href$='/meetings/{meeting.pk}/minutes/edit/']").click()
    page.fill("textarea[name=body]", "We agreed to open two math clubs.")
    submit(page)
    page.wait_for_url(f"**/meetings/{meeting.pk}/minutes/")
    page.locator(f"main a[href$='/decisions/new/?meeting={meeting.pk}']").click()
    assert page.locator("select[name=meeting]").input_value() == str(meeting.pk)
    page.fill("textarea[name=statement]", "Two math clubs open in September")
    submit(page)
    page.wait_for_url("**/decisions/*/")
    decision = Decision.objects.get()
    assert decision.meeting == meeting
    page.goto(f"/initiatives/{slug}/meetings/{meeting.pk}/minutes/")
    page.locator(f"main a[href$='/action-items/new/?meeting={meeting.pk}']").click()
    page.fill("input[name=title]", "Find rooms for the clubs")
    page.select_option("select[name=owner]", str(partner.pk))
    page.fill("input[name=due_on]", (datetime.now() + timedelta(days=14)).strftime("%Y-%m-%d"))
    shoot(page, f"comm_story_{language}_4_action_item_form")
    submit(page)
    page.wait_for_url("**/action-items/*/")
    item = ActionItem.objects.get()
    assert (item.owner, item.organization, item.meeting) == (partner, world.partner_org, meeting)

    # ... circulates the minutes for corrections, then approves them.
    page.goto(f"/initiatives/{slug}/meetings/{meeting.pk}/minutes/")
    page.locator("form[action$='/minutes/circulate/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/minutes/approve/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert Minutes.objects.get(meeting=meeting).state == MinutesState.APPROVED
    shoot(page, f"comm_story_{language}_5_minutes_approved")
    no_violations(page)

    # The partner sees the action item on their home.
    switch_to(page, live_server, language, partner.email)
    page.goto("/")
    panel = page.locator("section[aria-labelledby=my-items-heading]")
    assert panel.get_by_text("Find rooms for the clubs").count() == 1
    assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr")
    shoot(page, f"comm_story_{language}_6_partner_home")
    no_violations(page)


@pytest.fixture
def communication(world, media):
    """One of each page's objects: a working group with a name in Hebrew, an upcoming meeting
    with an agenda item and the partner invited, three past meetings with minutes in draft,
    circulated (with a correction asked for) and approved then corrected, a decision, an
    action item owed by the partner, an update with an attachment."""
    from communication.models import AgendaItem
    from communication.services import minutes as minutes_services
    from tests.communication import feed_factories, minutes_factories

    world.partner.full_name = "Rami Haddad"
    world.partner.save(update_fields=["full_name"])
    wg = group(world, convener=world.partner, members=[world.partner], name="קבוצת נתונים")
    upcoming = minutes_factories.meeting(world, title="Steering committee", started=False)
    upcoming.time_zone = ZONE
    upcoming.place = "Beersheba"
    upcoming.save()
    item = AgendaItem.objects.create(
        meeting=upcoming, position=1, title="Math clubs", presenter=world.partner
    )
    minutes_factories.invite(upcoming, world.partner, world.partner_org)
    draft, circulating, approved = (
        minutes_factories.meeting(world, title=title, group=wg if n == 1 else None)
        for n, title in enumerate(("March meeting", "ישיבת אפריל", "May meeting"))
    )
    for past in (draft, circulating, approved):
        minutes_factories.invite(past, world.partner, world.partner_org)
        minutes_factories.attended(past, world.partner, world.partner_org)
    minutes_factories.drafted(world, draft)
    circulated = minutes_factories.circulated(world, circulating)
    minutes_services.minutes_comment_add(user=world.partner, minutes=circulated, text="Typo")
    done = minutes_factories.approved(world, approved)
    minutes_services.minutes_correct(
        user=world.backbone, minutes=done, body="We met and agreed twice.", reason="A word left out"
    )
    decision = minutes_factories.decision(world, meeting=approved, statement="Open two clubs")
    action_item = minutes_factories.action_item(
        world, meeting=approved, title="Find rooms", due_on=datetime.now().date()
    )
    update = feed_factories.posted(world, files=[feed_factories.pdf()])
    return {
        "group": wg.pk,
        "meeting": upcoming.pk,
        "item": item.pk,
        "draft": draft.pk,
        "circulating": circulating.pk,
        "approved": approved.pk,
        "decision": decision.pk,
        "action_item": action_item.pk,
        "update": update.pk,
    }


BASE = "/initiatives/{slug}/"
COMMUNICATION_PAGES = {
    "backbone": [
        BASE + "meetings/",
        BASE + "meetings/{meeting}/",
        BASE + "meetings/new/",
        BASE + "meetings/{meeting}/edit/",
        BASE + "meetings/{meeting}/cancel/",
        BASE + "meetings/{meeting}/items/new/",
        BASE + "meetings/{meeting}/items/{item}/edit/",
        BASE + "meetings/{meeting}/invite/",
        BASE + "meetings/{draft}/attendance/",
        BASE + "groups/",
        BASE + "groups/{group}/",
        BASE + "groups/new/",
        BASE + "groups/{group}/edit/",
        BASE + "meetings/{draft}/minutes/",
        BASE + "meetings/{draft}/minutes/edit/",
        BASE + "meetings/{circulating}/minutes/",
        BASE + "meetings/{approved}/minutes/",
        BASE + "meetings/{approved}/minutes/correct/",
        BASE + "decisions/",
        BASE + "decisions/{decision}/",
        BASE + "decisions/new/",
        BASE + "action-items/",
        BASE + "action-items/{action_item}/",
        BASE + "action-items/new/",
        BASE + "action-items/{action_item}/edit/",
        BASE + "news/",
        BASE + "news/updates/",
        BASE + "news/updates/{update}/",
        BASE + "news/updates/new/",
        BASE + "news/updates/{update}/edit/",
        BASE + "news/updates/{update}/delete/",
        BASE + "communication/settings/",
        BASE + "measurement/dashboard/",
    ],
    "partner": [
        BASE + "meetings/{meeting}/",
        BASE + "meetings/{circulating}/minutes/",
        BASE + "groups/{group}/",
        BASE + "news/",
        BASE + "action-items/{action_item}/",
        BASE + "measurement/my-organization/",
        "/my/action-items/",
        "/calendar/",
        "/account/email/",
        "/email/unsubscribe/{token}/",
        "/email/unsubscribe/forged/",
    ],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(COMMUNICATION_PAGES))
def test_communication_pages_have_no_serious_accessibility_violation(
    page, live_server, world, communication, persona, language
):
    from communication.messages import unsubscribe_token
    from communication.models import MessageKind

    in_language(page, live_server, language)
    sign_in(page, getattr(world, persona).email, PASSWORD)
    token = unsubscribe_token(world.partner, MessageKind.values[0])
    found = {}
    for number, template in enumerate(COMMUNICATION_PAGES[persona]):
        path = template.format(slug=world.initiative.slug, token=token, **communication)
        response = page.goto(path)
        assert response.status in (200, 400), path  # 400: the forged unsubscribe link
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        assert not re.search(r"\{[#%{]", page.inner_text("body")), f"template text on {path}"
        if language != "en":
            shoot(page, f"comm_a11y_{language}_{persona}_{number:02}")
        if violations := serious_violations(page):
            found[path] = violations
    if persona == "partner":  # the calendar's private address, once made
        page.goto("/calendar/")
        page.locator("main form[method=post] button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.locator("main input[readonly]").input_value().endswith(".ics")
        if violations := serious_violations(page):
            found["/calendar/ with its address"] = violations
    if persona == "backbone":  # refused forms: the errors at their fields are read out too
        group_edit = f"groups/{communication['group']}/edit/"
        for tail in ("meetings/new/", "action-items/new/", group_edit):
            path = f"/initiatives/{world.initiative.slug}/{tail}"
            page.goto(path)
            page.locator("main form[method=post] input[type=text]").first.fill(" ")
            page.locator("main form[method=post] button[type=submit]").first.click()
            page.wait_for_load_state()
            assert page.locator(".invalid-feedback").count() >= 1, path
            if language != "en":
                shoot(page, f"comm_a11y_{language}_refused_{tail.split('/')[0]}")
            if violations := serious_violations(page):
                found[f"refused {path}"] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
