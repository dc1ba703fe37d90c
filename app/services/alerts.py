"""Outlet alerts: a threshold per outlet, checked whenever one of its audits finishes.

A rule says: alert when more than `share` of the outlet's audits in the last `days` (at
least `min_audits` of them) score below `below` (the MQM-style score; 80 is where the
lowest quality bucket starts). Crossing it opens one alert (shown on the dashboard, sent as
the `alert.raised` webhook event); falling back under it closes the alert.
"""

from __future__ import annotations

import logging
import threading

from app.services import trends, webhooks
from app.store.models import Alert, AlertRule
from app.store.repo import Store
from scoring.errors import BadRequest

log = logging.getLogger("driftaudit.alerts")


def set_rule(store: Store, outlet: str, below: float, share: float, days: int, min_audits: int,
             identity: str) -> AlertRule:
    outlet = " ".join(outlet.split())[:200]
    if not outlet:
        raise BadRequest("an alert needs an outlet", "name the outlet as audits give it in metadata.outlet")
    return store.set_alert_rule(outlet, below, share, days, min_audits, identity)


def check(store: Store, outlet: str, wake: threading.Event | None = None) -> Alert | None:
    """Open or close the outlet's alert after one of its audits finished; the alert opened,
    if any. Never raises: an alert must not fail the audit."""
    try:
        rule = store.alert_rule(outlet) if outlet else None
        if rule is None:
            return None
        scores = trends.recent_scores(store, outlet, rule.days)
        audits = len(scores)
        low = sum(1 for score in scores if score < rule.below)
        share = low / audits if audits else 0.0
        if audits >= rule.min_audits and share > rule.share:
            message = (f"{low} of {audits} audits of {outlet} in the last {rule.days} days scored below "
                       f"{rule.below:g} ({share:.0%}, threshold {rule.share:.0%})")
            alert = store.raise_alert(outlet, round(share, 4), audits, message)
            if alert is not None:
                log.warning("outlet alert raised", extra={"outlet": outlet, "share": share})
                webhooks.emit(store, "alert.raised", {"alert_id": alert.id, "outlet": outlet, "share": round(share, 4),
                                                       "audits": audits, "below": rule.below, "threshold": rule.share,
                                                       "days": rule.days, "message": message,
                                                       "url": f"/outlets/{outlet}"}, wake)
            return alert
        store.close_alerts(outlet)
    except Exception:
        log.exception("checking an outlet alert failed", extra={"outlet": outlet})
    return None
