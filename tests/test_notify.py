"""notify: the one home of notifications — who gets a message, when the e-mail goes, the
list page (open one, read all) and the unread badge with what it costs per page."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from notify.models import Notification
from notify.services import due_in, mark_read, send, unread_count

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def titles(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_send_writes_one_message_per_active_user_and_mails_after_commit(
        alice, rex, celery_eager, django_capture_on_commit_callbacks):
    alice.email = "alice@example.cn"
    alice.save()
    gone = UserFactory(username="gone", is_active=False, email="gone@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([alice, rex, alice, gone], title="标题", body="正文", link="/declare/1/",
                    event="returned")
        assert mail.outbox == []   # nothing leaves before the commit
    assert sorted(r.user.username for r in rows) == ["alice", "rex"]
    assert [(m.to, m.subject) for m in mail.outbox] == [(["alice@example.cn"], "【消息通知】标题")]
    assert mail.outbox[0].body.startswith("正文\n\n请登录系统办理：/declare/1/")
    alice_row = Notification.objects.get(user=alice)
    rex_row = Notification.objects.get(user=rex)
    assert alice_row.emailed_at is not None and alice_row.event == "returned"
    # no address: no e-mail queued, the message is there
    assert (rex_row.email_to, rex_row.enqueued_at, rex_row.emailed_at) == ("", None, None)


def test_a_rolled_back_action_tells_nobody(alice, celery_eager,
                                           django_capture_on_commit_callbacks):
    alice.email = "alice@example.cn"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                send([alice], title="不会发出", body="正文")
                raise RuntimeError
    assert titles(alice) == [] and mail.outbox == []


def test_a_key_sends_once_per_user(alice, rex):
    send([alice], title="第一次", body="正文", key="package-deadline:1:7")
    assert send([alice, rex], title="第二次", body="正文", key="package-deadline:1:7") != []
    assert titles(alice) == ["第一次"] and titles(rex) == ["第二次"]


def test_lead_days_are_seven_and_one():
    from datetime import date

    today = date(2026, 3, 1)
    assert [due_in(date(2026, 3, d), today) for d in (2, 3, 8, 9, 1)] == [1, None, 7, None, None]


# ---------------------------------------------------------------- the page and the badge
def test_the_list_shows_my_messages_and_opening_one_marks_it_read_and_goes_to_its_page(
        client, alice, bob):
    mine = send([alice], title="退回修改", body="请修改。", link="/declare/7/")[0]
    send([alice], title="已推荐", body="已推荐。")
    send([bob], title="别人的", body="不给 alice 看。")
    client.force_login(alice)
    html = client.get(reverse("notify:list")).content.decode()
    assert "有 2 条未读消息。" in html and "退回修改" in html and "别人的" not in html
    assert 'aria-label="消息通知，2 条未读">消息通知 <span class="count">(2)</span>' in html
    r = client.post(reverse("notify:open", args=[mine.pk]))
    assert (r.status_code, r.url) == (302, "/declare/7/")
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "消息通知 <span class=\"count\">(1)</span>" in client.get(reverse("notify:list")).content.decode()


def test_someone_elses_message_is_not_found_and_stays_unread(client, alice, bob):
    theirs = send([bob], title="别人的", body="正文", link="/declare/7/")[0]
    client.force_login(alice)
    assert client.post(reverse("notify:open", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notify:open", args=[theirs.pk])).status_code == 405
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_link_to_another_site_is_not_followed(client, alice):
    note = send([alice], title="外链", body="正文", link="https://evil.example/")[0]
    client.force_login(alice)
    assert client.post(reverse("notify:open", args=[note.pk])).url == reverse("notify:list")


def test_read_all_clears_the_badge(client, alice):
    for i in range(3):
        send([alice], title=f"通知{i}", body="正文")
    client.force_login(alice)
    assert unread_count(alice) == 3
    r = client.post(reverse("notify:read_all"))
    assert r.url == reverse("notify:list")
    assert unread_count(alice) == 0
    html = client.get(reverse("notify:list")).content.decode()
    assert "没有未读消息。" in html and 'class="count"' not in html


def test_the_badge_is_recounted_after_a_send(alice, django_capture_on_commit_callbacks):
    assert unread_count(alice) == 0   # cached
    with django_capture_on_commit_callbacks(execute=True):
        send([alice], title="新消息", body="正文")
    assert unread_count(alice) == 1


def _home_queries(client, django_assert_num_queries, expected):
    client.get(reverse("home"))   # warm the session and the badge's cache
    with django_assert_num_queries(expected) as ctx:
        client.get(reverse("home"))
    return [q["sql"] for q in ctx.captured_queries]


def test_the_badge_costs_no_query_per_page_once_counted(client, alice,
                                                         django_assert_num_queries):
    """Measured: the home page of an applicant with and without unread messages makes the
    same queries; none of them reads notify_notification (the count comes from Redis)."""
    client.force_login(alice)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home"))
    for i in range(3):
        send([alice], title=f"通知{i}", body="正文")
    sql = _home_queries(client, django_assert_num_queries, len(before.captured_queries))
    assert not [q for q in sql if "notify_notification" in q]
    assert "(3)" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_notification_list_query_count(client, alice, django_assert_num_queries, n):
    for i in range(n):
        send([alice], title=f"通知{i}", body="内容")
    client.force_login(alice)
    client.get(reverse("notify:list"))
    # the list; the session, the user, the roles (nav), the account state and the badge from the
    # cache (cached_db sessions, orgs.usercache, orgs.rolecache, orgs.statecache, notify's unread
    # count)
    with django_assert_num_queries(1):
        html = client.get(reverse("notify:list")).content.decode()
    assert html.count('<li class="unread">') == n


def test_a_count_read_with_the_user_is_not_used_after_a_change(alice, bob):
    """orgs.usercache reads the badge's count with the user's versions when the request loads
    the user; a message sent or read later in that same request (in this process) makes
    unread_count read it again, so the page never shows the count from before."""
    from orgs import usercache

    assert unread_count(alice) == 0   # counted and cached
    user = usercache.cached_user(alice.pk)
    assert user.unread_read[0] == 0   # handed on from the MGET
    send([alice], title="新消息", body="正文")
    assert unread_count(user) == 1
    user = usercache.cached_user(alice.pk)   # the next request
    assert user.unread_read[0] == 1
    mark_read(user)
    assert unread_count(user) == 0
    other = usercache.cached_user(bob.pk)   # nothing cached for bob yet: counted
    assert other.unread_read[0] is None and unread_count(other) == 0
