"""What the audit log's actions are called on screen (keyed by AuditAction value)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forum.audit.services import AuditAction

AUDIT_ACTION_NAMES = {
    AuditAction.SIGN_IN.value: _l("Staff signed in"),
    AuditAction.SIGN_IN_FAILED.value: _l("Staff sign-in failed"),
    AuditAction.SIGN_IN_LOCKED.value: _l("Account locked after failed sign-ins"),
    AuditAction.CARD_SIGN_IN.value: _l("Pupil signed in with a card"),
    AuditAction.CARD_SIGN_IN_FAILED.value: _l("Card sign-in failed"),
    AuditAction.SIGN_OUT_EVERYWHERE.value: _l("Signed out on every device"),
    AuditAction.PASSWORD_CHANGED.value: _l("Password changed"),
    AuditAction.PASSWORD_RESET.value: _l("Password reset by an administrator"),
    AuditAction.STAFF_CREATED.value: _l("Staff account created"),
    AuditAction.ROLE_CHANGED.value: _l("Role changed"),
    AuditAction.ACCOUNT_CHANGED.value: _l("Staff account changed"),
    AuditAction.CHILDREN_ADDED.value: _l("Pupils added to a class"),
    AuditAction.CARDS_ISSUED.value: _l("Access cards issued"),
    AuditAction.CONSENT_RECORDED.value: _l("Guardian consent recorded"),
    AuditAction.CONSENT_WITHDRAWN.value: _l("Guardian consent withdrawn"),
    AuditAction.ASSENT_RECORDED.value: _l("Pupil's own assent recorded"),
    AuditAction.CHILD_ERASED.value: _l("Pupil's data erased"),
    AuditAction.AREA_CHANGED.value: _l("Area added or changed"),
    AuditAction.SCHOOL_CHANGED.value: _l("School added or changed"),
    AuditAction.EXPORT.value: _l("Data exported"),
    AuditAction.TOPIC_CHANGED.value: _l("Discussion topic created or changed"),
    AuditAction.WORD_RULE_ADDED.value: _l("Word rule added"),
    AuditAction.WORD_RULE_CHANGED.value: _l("Word rule changed"),
    AuditAction.WORD_RULE_DELETED.value: _l("Word rule deleted"),
    AuditAction.CASE_OPENED.value: _l("Safeguarding case opened"),
    AuditAction.CASE_STATUS_CHANGED.value: _l("Safeguarding case status changed"),
    AuditAction.CASE_ASSIGNED.value: _l("Safeguarding case assigned"),
    AuditAction.FEEDBACK_PUBLISHED.value: _l("Feedback to children published"),
    AuditAction.FEEDBACK_CHANGED.value: _l("Published feedback to children corrected"),
    AuditAction.API_TOKEN_CREATED.value: _l("API token created"),
    AuditAction.API_TOKEN_REVOKED.value: _l("API token revoked"),
    AuditAction.API_RESULTS.value: _l("Results read through the API"),
}
