"""The cross-report rules over a round, on the desk's pages (not only in the workbook).

The set rules (rules/batch.yaml: duplicates, carry-over from last year, text copied from last
year, near-identical reports of different bodies…) run over the latest version of every body
this round and last, named and identified by the roster as the workbook's manifest does
(`api.check_set` over each version's kept `set_data`: no file is read). The findings are kept
(`CrossFinding`) with the key of their inputs — which versions, under which rules — and found
again only when a body uploads a new version or the checker or its rules change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from checker import api
from checker.desk import checking
from checker.desk.models import CrossFinding, Round, Submission


@dataclass(frozen=True)
class Inputs:
    versions: list[Submission]  # this round's latest versions first, then last round's
    key: str


def inputs(round_: Round) -> Inputs:
    rounds = [round_, *Round.objects.filter(year=round_.year - 1)]
    latest: dict[int, tuple[int, int]] = {}  # body -> (version, submission)
    rows = Submission.objects.filter(body__round__in=rounds).values_list("body_id", "version", "pk")
    for body, version, pk in rows:
        if version > latest.get(body, (0, 0))[0]:
            latest[body] = (version, pk)
    chosen = {pk for _, pk in latest.values()}
    versions = sorted(
        Submission.objects.filter(pk__in=chosen).select_related("body__round").defer("result"),
        key=lambda s: (-s.body.round.year, s.body.name),
    )
    text = ",".join(str(s.pk) for s in versions) + "|" + checking.set_data_key()
    return Inputs(versions, hashlib.sha256(text.encode()).hexdigest())


def refresh(round_: Round) -> None:
    """Find the round's cross-report findings again if their inputs changed."""
    found = inputs(round_)
    if round_.cross_key == found.key:
        return
    key = checking.set_data_key()
    for version in found.versions:
        if not api.set_data_fresh(bytes(version.set_data), key):
            version.set_data = checking.set_data(Path(version.file.path))
            Submission.objects.filter(pk=version.pk).update(set_data=version.set_data)
    members = [
        api.SetMember(bytes(s.set_data), s.original_name, s.body.name, s.body.round.year,
                      s.body.kind)
        for s in found.versions
    ]  # fmt: skip
    results = api.check_set(members, checking.rules())
    _store(round_, found, results)


@transaction.atomic
def _store(round_: Round, found: Inputs, results: list[api.SetFinding]) -> None:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.cross_key == found.key:
        return  # another request stored the same findings meanwhile
    versions = found.versions
    mine = {s.pk for s in versions if s.body.round_id == round_.pk}
    rows = []
    for number, item in enumerate(results):
        owner = versions[item.member]
        related = versions[item.related] if item.related is not None else None
        if owner.pk not in mine and (related is None or related.pk not in mine):
            continue  # last round's own business
        problem = item.finding.problem
        rows.append(CrossFinding(
            round=locked, submission=owner, related=related, index=number,
            rule=item.finding.rule.id, severity=item.finding.severity.label,
            message=problem.message.render("zh"), message_en=problem.message.render("en"),
            where=(problem.where or "")[:300],
        ))  # fmt: skip
    CrossFinding.objects.filter(round=locked).delete()
    CrossFinding.objects.bulk_create(rows)
    locked.cross_key, locked.cross_at = found.key, timezone.now()
    locked.save(update_fields=["cross_key", "cross_at"])
    round_.cross_key, round_.cross_at = locked.cross_key, locked.cross_at


def findings(round_: Round) -> QuerySet[CrossFinding]:
    """The round's cross-report findings, found again first if their inputs changed."""
    refresh(round_)
    return CrossFinding.objects.filter(round=round_).select_related(
        "submission__body__round", "related__body__round"
    )


def of_body(round_: Round, body_id: int) -> QuerySet[CrossFinding]:
    """The findings that involve this body: its own, and those naming its report."""
    return findings(round_).filter(Q(submission__body_id=body_id) | Q(related__body_id=body_id))
