"""The digest delivery job: claim what is due in the database, compose, send paced, record.

It keeps no state between runs: a job that wakes every minute asks the database what is due, so
after a restart every digest still goes out, a digest missed while the bot was down goes out
when it is back (once), and two bot processes on one database split the work between them. The
unique (chat, local date) row claimed before sending is what makes a digest go out once.

Storage is synchronous SQLModel, called through `asyncio.to_thread` so that the event loop keeps
serving chats while digests are composed and recorded.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session
from telegram import Bot
from telegram.ext import Application, ContextTypes, JobQueue

from bot.broadcast import DEFAULT_RATE, Broadcaster, ChatGone, Outgoing, Result
from bot.clock import Clock, SystemClock
from bot.digest import DigestFilter, SubscribeRequest, compose
from bot.schedule import CALENDAR, DEFAULT_TIMEZONE, starting
from storage import subscriptions as subs
from storage.subscriptions import Changes, ClaimedDelivery

log = logging.getLogger(__name__)

JOB_NAME = "digest-delivery"
TICK_SECONDS = 60.0
ON_DEMAND_WINDOW = timedelta(days=1)
"""/digest in a chat without a subscription covers the last day."""

ChangesQuery = Callable[[Session, int, datetime | None, datetime], Changes]


@dataclass(slots=True)
class RunReport:
    claimed: int = 0
    sent: int = 0
    empty: int = 0
    blocked: int = 0
    failed: int = 0
    lost: int = 0
    released: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)


class DigestService:
    """Subscriptions, on-demand digests and the delivery run, for one bot process."""

    def __init__(
        self,
        engine: Engine,
        bot: Bot,
        *,
        clock: Clock | None = None,
        changes: ChangesQuery | None = None,
        worker: str | None = None,
        batch: int = 100,
        lease: timedelta = subs.LEASE,
        rate: float = DEFAULT_RATE,
        senders: int = 16,
        broadcaster: Broadcaster | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock or SystemClock()
        self.changes = changes or subs.changes_since
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.batch = batch
        self.lease = lease
        self.broadcaster = broadcaster or Broadcaster(
            bot, clock=self.clock, rate=rate, senders=senders
        )
        self._running: asyncio.Task[RunReport] | None = None
        self._stopping = False

    # -- subscribing -------------------------------------------------------------------------

    async def subscribe(
        self, chat_id: int, request: SubscribeRequest, chat_timezone: str | None = None
    ) -> subs.Subscription:
        tz = request.timezone or chat_timezone or DEFAULT_TIMEZONE
        now = self.clock.now()
        nxt = starting(request.at, tz, now=now)

        def work() -> subs.Subscription:
            with Session(self.engine, expire_on_commit=False) as session:
                return subs.upsert_subscription(
                    session,
                    chat_id=chat_id,
                    at=request.at,
                    timezone=tz,
                    owed_date=nxt.local_date,
                    due_at=nxt.due_at,
                    now=now,
                    filters=request.filters.to_json() if request.filters else None,
                    when_empty=request.when_empty,
                )

        return await asyncio.to_thread(work)

    async def unsubscribe(self, chat_id: int) -> bool:
        def work() -> bool:
            with Session(self.engine) as session:
                return subs.remove_subscription(session, chat_id)

        return await asyncio.to_thread(work)

    async def set_timezone(self, chat_id: int, tz: str) -> bool:
        """The chat's timezone changed (/settings): its digest follows, at the same local time.
        False when the chat has no subscription."""

        def work() -> bool:
            with Session(self.engine, expire_on_commit=False) as session:
                sub = subs.get_subscription(session, chat_id)
                if sub is None:
                    return False
                nxt = starting(sub.at, tz, now=self.clock.now())
                subs.upsert_subscription(
                    session,
                    chat_id=chat_id,
                    at=sub.at,
                    timezone=tz,
                    owed_date=nxt.local_date,
                    due_at=nxt.due_at,
                    now=self.clock.now(),
                    filters=sub.filters,
                )
                return True

        return await asyncio.to_thread(work)

    async def subscription(self, chat_id: int) -> subs.Subscription | None:
        def work() -> subs.Subscription | None:
            with Session(self.engine, expire_on_commit=False) as session:
                return subs.get_subscription(session, chat_id)

        return await asyncio.to_thread(work)

    # -- on demand ---------------------------------------------------------------------------

    async def send_now(self, chat_id: int, chat_timezone: str | None = None) -> int:
        """/digest: what changed since the chat's last digest, now; the next scheduled one
        starts where this one ends. Returns the number of messages sent."""
        now = self.clock.now()

        def work() -> tuple[list[str], bool]:
            with Session(self.engine) as session:
                sub = subs.get_subscription(session, chat_id)
                tz = sub.timezone if sub else chat_timezone or DEFAULT_TIMEZONE
                since = sub.last_cutoff if sub and sub.last_cutoff else now - ON_DEMAND_WINDOW
                filters = DigestFilter.from_json(sub.filters if sub else None)
                changes = self.changes(session, chat_id, since, now)
            digest = compose(changes, tz=tz, filters=filters, when_empty="note")
            return list(digest.messages), sub is not None

        messages, subscribed = await asyncio.to_thread(work)
        try:
            for text in messages:
                chat_id = await self.broadcaster.send(chat_id, text)
        except ChatGone as err:
            log.info("chat %s blocked the bot; its digest is paused", chat_id)
            await asyncio.to_thread(
                self._with_session, subs.deactivate_chat, chat_id, str(err), self.clock.now()
            )
            return 0
        if subscribed:
            await asyncio.to_thread(self._with_session, subs.advance_cursor, chat_id, now)
        return len(messages)

    def _with_session(self, fn: Callable[..., object], *args: object) -> None:
        with Session(self.engine) as session:
            fn(session, *args)

    # -- the delivery run --------------------------------------------------------------------

    def kick(self) -> asyncio.Task[RunReport] | None:
        """Start a delivery run in the background unless one is still going (a run over many
        chats outlasts the one-minute tick). The job only kicks, so stopping the application
        never waits for a long run: `stop` ends it cleanly instead."""
        if self._stopping or (self._running is not None and not self._running.done()):
            return None
        self._running = asyncio.create_task(self.deliver_due(), name="digest-delivery-run")
        self._running.add_done_callback(_log_failure)
        return self._running

    async def tick(self) -> RunReport | None:
        """Kick a run and wait for it; None when one was already going."""
        task = self.kick()
        return None if task is None else await asyncio.shield(task)

    async def stop(self, timeout: float = 30.0) -> None:
        """Finish what is already on its way, hand back what is not (claims released for the
        next run, in this process or another), and start nothing new."""
        self._stopping = True
        task = self._running
        if task is None or task.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout)
        except TimeoutError:
            log.warning("digest run still sending after %.0f s; cancelling it", timeout)
            task.cancel()
        except Exception:  # noqa: BLE001 - logged; stopping must go on
            log.exception("digest run failed while stopping")

    async def deliver_due(self) -> RunReport:
        """Deliver everything due now, batch by batch, until nothing is left."""
        report = RunReport()
        await self.broadcaster.run(
            self._outgoing(report),
            lambda out, result: self._record(out, result, report),
            on_part=self._progress,
            guard=self._still_ours,
        )
        if report.claimed:
            log.info(
                "digests: %d claimed, %d sent (%d messages), %d empty, %d blocked, %d failed",
                report.claimed,
                report.sent,
                report.messages,
                report.empty,
                report.blocked,
                report.failed,
            )
        return report

    async def _outgoing(self, report: RunReport) -> AsyncIterator[Outgoing[ClaimedDelivery]]:
        while not self._stopping:
            claims = await asyncio.to_thread(self._claim, self.clock.now())
            if not claims:
                return
            report.claimed += len(claims)
            batch = await asyncio.to_thread(self._compose, claims, report)
            for n, out in enumerate(batch):
                if self._stopping:
                    await asyncio.to_thread(self._release, [o.ticket for o in batch[n:]])
                    report.released += len(batch) - n
                    return
                yield out

    def _claim(self, now: datetime) -> list[ClaimedDelivery]:
        with Session(self.engine) as session:
            return subs.claim_due_deliveries(
                session,
                now=now,
                worker=self.worker,
                calendar=CALENDAR,
                limit=self.batch,
                lease=self.lease,
            )

    def _release(self, claims: list[ClaimedDelivery]) -> None:
        with Session(self.engine) as session:
            subs.release_claims(session, claims, self.lease)

    def _compose(
        self, claims: list[ClaimedDelivery], report: RunReport
    ) -> list[Outgoing[ClaimedDelivery]]:
        out: list[Outgoing[ClaimedDelivery]] = []
        with Session(self.engine) as session:
            for claim in claims:
                changes = self.changes(session, claim.chat_id, claim.since, claim.cutoff)
                digest = compose(
                    changes,
                    tz=claim.timezone,
                    filters=DigestFilter.from_json(claim.filters),
                    when_empty=claim.when_empty,
                    local_date=claim.local_date,
                )
                if not digest.messages:
                    report.empty += 1
                    subs.mark_delivered(session, claim, status="empty", now=self.clock.now())
                    continue
                out.append(Outgoing(claim.chat_id, digest.messages, claim, claim.parts_sent))
        return out

    async def _still_ours(self, out: Outgoing[ClaimedDelivery]) -> bool:
        """A delivery that waited long (429 pauses) renews its lease before it goes out; if
        another process took it over meanwhile, it is not sent."""
        claim = out.ticket
        if self.clock.now() - claim.claimed_at < self.lease / 2:
            return True

        def work() -> bool:
            with Session(self.engine) as session:
                return claim.id in subs.renew_claims(session, [claim], self.clock.now())

        return await asyncio.to_thread(work)

    async def _progress(self, out: Outgoing[ClaimedDelivery], parts_sent: int) -> None:
        def work() -> None:
            with Session(self.engine) as session:
                subs.record_progress(session, out.ticket, parts_sent)

        await asyncio.to_thread(work)

    async def _record(
        self, out: Outgoing[ClaimedDelivery], result: Result, report: RunReport
    ) -> None:
        report.messages += result.parts_sent - out.first_part
        if result.status == "lost":
            report.lost += 1
            return
        setattr(report, result.status, getattr(report, result.status) + 1)
        if result.error and result.status != "blocked":
            report.errors.append(f"{out.chat_id}: {result.error}")
        now = self.clock.now()

        def work() -> bool:
            with Session(self.engine) as session:
                return subs.mark_delivered(
                    session,
                    out.ticket,
                    status=result.status,  # type: ignore[arg-type]
                    now=now,
                    parts_sent=result.parts_sent,
                    error=result.error,
                )

        if not await asyncio.to_thread(work):
            log.warning("digest for chat %s was taken over by another process", out.chat_id)


def _log_failure(task: asyncio.Task[RunReport]) -> None:
    """A run that failed (the database went away) is logged; the next tick starts afresh, and
    the deliveries it had claimed go out once their lease runs out."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("digest delivery run failed", exc_info=error)


# ----------------------------------------------------------------------------------------------
# Wiring into PTB's JobQueue


def schedule_delivery(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE],
    service: DigestService,
    *,
    interval: float = TICK_SECONDS,
    first: float = 5.0,
) -> None:
    """Run the delivery job every `interval` seconds under one stable name, replacing any copy
    already there (re-registering on restart must not duplicate it). Nothing about individual
    subscriptions lives in the job queue: the job reads them from the database each time."""
    for job in job_queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()

    async def run(_: ContextTypes.DEFAULT_TYPE) -> None:
        service.kick()

    job_queue.run_repeating(
        run,
        interval=interval,
        first=first,
        name=JOB_NAME,
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )


def install(app: Application, service: DigestService) -> None:  # type: ignore[type-arg]
    """Call from the application's post_init, once the engine exists."""
    app.bot_data["digests"] = service
    if app.job_queue is None:
        raise RuntimeError("the digest job needs PTB's job-queue extra")
    schedule_delivery(app.job_queue, service)
