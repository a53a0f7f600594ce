"""Seeds pretalx at the scale of our bench and writes the locust plan: run INSIDE pretalx's own
virtualenv (var/peer/venv/bin/python bench/peer/seed.py PLAN.json), with pretalx's Django ORM
and PRETALX_CONFIG_FILE set by bench.peer.install. Not importable from our project.

One event (CfP open, the review phase active, speakers may still change their proposals), one
organiser, 1 000 submissions each with its own speaker, 50 reviewers in the event's review
team, 3 000 reviews (each reviewer 60). Seeded once: a second run finds the event and only
writes new sessions. Every simulated user has its own session (as django.contrib.auth.login
leaves it), in pretalx's session store (Redis, its production default).
"""

import datetime as dt
import json
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretalx.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils.timezone import now  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

SLUG = "peerbench"
PASSWORD = "Peer@bench2025"  # noqa: S105 - a local benchmark account
SUBMISSIONS, REVIEWERS, REVIEWS_EACH, USERS = 1000, 50, 60, 50


def seed():
    from pretalx.event.models import Event, Team
    from pretalx.event.utils import create_organiser_with_team
    from pretalx.person.models import SpeakerProfile, User
    from pretalx.submission.models import Review, Submission, SubmissionType

    rnd = random.Random(20)
    organiser_user = User.objects.create_user(email="orga@peer.invalid", password=PASSWORD,
                                              name="Organiser")
    organiser, team = create_organiser_with_team(name="Peer Org", slug="peerorg",
                                                 users=[organiser_user])
    start = (now() + dt.timedelta(days=90)).date()
    with scopes_disabled():
        event = Event.objects.create(name="Peer bench", slug=SLUG, organiser=organiser,
                                     is_public=True, date_from=start,
                                     date_to=start + dt.timedelta(days=2), timezone="UTC",
                                     email="orga@peer.invalid", locale_array="en", locale="en")
    with scope(event=event):
        event.cfp.deadline = now() + dt.timedelta(days=60)
        event.cfp.save()
        event.build_initial_data()
        team.can_change_submissions = True
        team.is_reviewer = True
        team.save()
        team.limit_events.add(event)
        event.review_phases.update(is_active=False)
        phase = event.review_phases.order_by("position").first()
        phase.start, phase.is_active, phase.can_review = None, True, True
        phase.speakers_can_change_submissions = True
        phase.save()
        talk = SubmissionType.objects.filter(event=event).first()
        subs = []
        for i in range(SUBMISSIONS):
            user = User(email=f"speaker{i}@peer.invalid", name=f"Speaker {i}")
            user.set_unusable_password()
            user.save()
            SpeakerProfile.objects.create(user=user, event=event,
                                          biography=f"Speaker {i} has spoken before. " * 8)
            sub = Submission.objects.create(
                event=event, title=f"Talk number {i} about things", submission_type=talk,
                abstract="An abstract of a few sentences. " * 6,
                description="A longer description of the proposal. " * 30,
                content_locale="en")
            sub.speakers.add(user)
            subs.append(sub)
        reviewers = Team.objects.create(organiser=organiser, name="Reviewers", is_reviewer=True)
        reviewers.limit_events.add(event)
        for r in range(REVIEWERS):
            user = User.objects.create_user(email=f"reviewer{r}@peer.invalid", name=f"R{r}")
            reviewers.members.add(user)
            # 60 reviews each, 3 per submission: of the 50 blocks of 20 proposals, reviewer r
            # takes blocks r, r + 17 and r + 34 (mod 50)
            for sub in (subs[((r + 17 * k) % 50) * 20 + j] for k in range(3) for j in range(20)):
                Review.objects.create(submission=sub, user=user, score=rnd.choice([0, 1, 2]),
                                      text="Reviewed. " * 20)
    return event


def session_for(user) -> str:
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[1],
                  HASH_SESSION_KEY: user.get_session_auth_hash()})
    store.create()
    return store.session_key


def plan(event) -> dict:
    from pretalx.person.models import User
    from pretalx.submission.models import Review

    base = f"/orga/event/{SLUG}"
    with scope(event=event):
        orga = User.objects.get(email="orga@peer.invalid")
        reviewers = list(User.objects.filter(email__startswith="reviewer").order_by("id"))
        subs = list(event.submissions.order_by("id").prefetch_related("speakers"))
        reviewed = set(Review.objects.filter(submission__event=event)
                       .values_list("user_id", "submission_id"))
        review_accounts = []
        for i, user in enumerate(reviewers[:USERS]):  # a proposal this reviewer has not reviewed
            sub = next(s for s in subs[i * 7:] + subs if (user.pk, s.pk) not in reviewed)
            review_accounts.append({"session": session_for(user),
                                    "url": f"{base}/submissions/{sub.code}/reviews/"})
        scenarios = {
            "orga_list": {"label": "organiser submission list", "accounts": [
                {"session": session_for(orga), "url": f"{base}/submissions/"}
                for _ in range(USERS)]},
            "review": {"label": "review page (one proposal)", "accounts": review_accounts},
            "proposal_edit": {"label": "proposal edit (speaker, GET)", "accounts": [
                {"session": session_for(s.speakers.all()[0]),
                 "url": f"/{SLUG}/me/submissions/{s.code}/"} for s in subs[:USERS]]},
        }
    return {"session_cookie": settings.SESSION_COOKIE_NAME, "scenarios": scenarios}


def main(path: str) -> None:
    from pretalx.event.models import Event
    from pretalx.submission.models import Review

    started = time.monotonic()
    with scopes_disabled():
        event = Event.objects.filter(slug=SLUG).first()
    if event is None:
        with transaction.atomic():
            event = seed()
        print(f"seeded pretalx in {time.monotonic() - started:.0f} s", flush=True)
    with scopes_disabled():
        counts = {"submissions": event.submissions.count(),
                  "reviews": Review.objects.filter(submission__event=event).count()}
    data = plan(event)
    data["counts"] = counts
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)


if __name__ == "__main__":
    main(sys.argv[1])
