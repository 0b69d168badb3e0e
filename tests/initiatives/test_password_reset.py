import re

from django.urls import reverse


def test_password_reset_email_is_sent_by_the_task_and_its_link_works(
    client, world, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": world.partner.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"/accounts/password/reset/\S+/\S+/", mailoutbox[0].body).group(0)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "an-Even-longer-phrase", "new_password2": "an-Even-longer-phrase"},
    )
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert world.partner.check_password("an-Even-longer-phrase")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(
    client, db, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_password_reset_with_a_malformed_address_shows_the_field_error(client, db):
    response = client.post(reverse("password_reset"), {"email": "not an email"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
