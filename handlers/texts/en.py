"""Every English text; a test checks that each Vietnamese text has its English one."""

# ruff: noqa: E501

from typing import ClassVar

from handlers.texts.vi import Vi


class En(Vi):
    LANGUAGE = "en"
    DECIMAL_COMMA = False

    UNEXPECTED_ERROR = "Sorry, something went wrong on our side. Please try again in a few minutes."
    MENU_EXPIRED = "This menu has expired. Please choose from the newest message."
    MENU_EXPIRED_SHORT = "This menu has expired."
    UNKNOWN_INPUT = (
        "Sorry, I did not understand. Please choose an option below, or type /cancel to stop."
    )
    UNKNOWN_INPUT_IDLE = (
        "Sorry, I did not understand. Please choose an option below, or type /help."
    )
    UNKNOWN_COMMAND = "There is no command /{command}. Type /help to see the commands."
    PICK_NUMBER = "Please answer {choices}."
    OR = "or"
    CANCELLED = "Cancelled. You can start again at any time."
    MAIN_MENU = "What would you like to do?"
    FILE_NOT_EXPECTED = "No file is needed at this step. To send evidence, type /evidence."
    CANNOT_READ = "The bot cannot read this kind of message. Please type, or choose an option."
    NOT_ALLOWED = "You are not allowed to do this."
    NOT_FOUND = "This item was not found. The data may have changed; please choose again."
    BTN_REGISTER = "📝 Register a model"
    BTN_EVIDENCE = "📎 Send evidence"
    BTN_SELFSCORE = "✍️ Self-score"
    BTN_PROGRESS = "📊 Progress"
    BTN_HELP = "❓ Help"
    BTN_MYDATA = "🔒 My data"
    BTN_CANCEL = "Cancel"
    BTN_DONE = "Done"
    BTN_BACK = "Back"

    STATUS: ClassVar[dict[str, str]] = {
        "draft": "Draft",
        "submitted": "Awaiting approval",
        "returned": "Returned",
        "approved": "Approved",
        "implementing": "Implementing",
        "self_scored": "Self-scored",
        "under_review": "Under review",
        "reviewed": "Reviewed",
        "in_council": "In council",
        "published": "Published",
        "recognized": "Recognised",
        "not_recognized": "Not recognised",
        "withdrawn": "Withdrawn",
        "disqualified": "Disqualified",
        "revoked": "Revoked",
    }
    SUBJECT_INDIVIDUAL = "Individual: {name}"
    SUBJECT_COLLECTIVE = "Collective: {name}"

    PRIVACY_NOTICE = (
        "🔒 Personal data notice\n"
        "Vietnam Post's «Dân vận khéo» assistant processes your employee code, name, unit, "
        "position, roles, phone number (only to link your account) and chat account id, and "
        "the registrations, evidence and scores you send.\n"
        "Purpose: running the «Dân vận khéo» emulation movement (registration, evidence, "
        "scoring, reminders). Data is processed under the Personal Data Protection Law "
        "91/2025/QH15; the bot does not store Party membership. Messages over Telegram leave Vietnam.\n"
        "You can see what the bot holds about you and withdraw your consent at any time with "
        "/mydata.\n"
        "Do you agree to the bot processing your data as described?"
    )
    BTN_AGREE = "I agree"
    BTN_DISAGREE = "I do not agree"
    CONSENT_NEEDED = "Please choose «I agree» or «I do not agree» before going on."
    CONSENT_DECLINED = (
        "Without your consent the bot stores nothing more and cannot help you. "
        "When you are ready, type /start."
    )
    ASK_INVITE = "Please enter the invite code (8 characters, e.g. K7QM-4XPD) your unit gave you to link your account."
    ASK_INVITE_OR_PHONE = (
        "Tap «Share my phone number» to link quickly, or enter the invite code (8 characters, "
        "e.g. K7QM-4XPD) your unit gave you."
    )
    BTN_SHARE_PHONE = "📱 Share my phone number"
    INVITE_WRONG = "That invite code is not right. You have {left} tries left."
    INVITE_EXPIRED = (
        "That invite code has expired. Please ask your unit for a new one. {left} tries left."
    )
    LOCKED_OUT = "Too many wrong codes. Please try again after {time} (about {minutes} minutes)."
    PERSON_INACTIVE = (
        "This invite code belongs to someone no longer on the roster. Please contact your unit."
    )
    PHONE_NOT_OWN = "Please share your own phone number, not someone else's."
    PHONE_NO_MATCH = "This phone number is not on the staff roster. Please enter your invite code."
    LINKED = "✅ Your account is linked. Hello {name} ({unit})!"
    PHONE_CONFIRM = (
        "To be safe, please enter the invite code your unit gave you. If you already use the "
        "bot on another channel (Telegram, Zalo), a 6-digit confirmation code was just sent "
        "there: enter it here (valid for 10 minutes)."
    )
    PHONE_CONFIRM_HINT = "Please enter the invite code or the 6-digit confirmation code."
    LINK_OTP = (
        "🔐 Someone is linking a {channel} account to your record by phone number. If it is "
        "you, enter the confirmation code {code} there (valid for 10 minutes). If it is not "
        "you, give this code to no one and tell an administrator."
    )
    LINK_NOTICE = (
        "🔔 A {channel} account was linked to your record at {time}. If it was not you, "
        "tell an administrator at once; type /dulieu to see your linked accounts."
    )
    CHANNEL_NAMES: ClassVar[dict[str, str]] = {
        "telegram": "Telegram",
        "zalo_bot": "Zalo",
        "zalo_oa": "Zalo OA",
        "console": "command line",
        "memory": "test",
    }
    GREETING = "Hello {name}!"
    NOT_LINKED = "Your account is not linked yet. Type /start to begin."

    NO_CAMPAIGN = "No campaign is open at the moment."
    PICK_CAMPAIGN = "Choose a campaign:"
    REG_CLOSED = "Registration closed on {date}."
    REG_NOT_YET = "Registration has not opened yet (opens on {date})."
    PICK_MODEL = "Choose the model to register ({campaign}):"
    MODEL_LINE = "{code} – {title}"
    PICK_SCOPE = "Register model {model} for yourself or for your unit?"
    BTN_INDIVIDUAL = "👤 Myself"
    BTN_COLLECTIVE = "👥 Unit: {unit}"
    GENERAL_CRITERIA = (
        "General criteria (must all be met; not scored). Failing one disqualifies the entry:\n"
        "{lines}\nDo you confirm you have read them and commit to them?"
    )
    BTN_ACK = "I have read and commit"
    PICK_CRITERIA = "Choose the specific criteria you will carry out (tap to select or unselect):\n{lines}\n\n{total}"
    PICK_CRITERIA_ALL = "This campaign requires every specific criterion:\n{lines}\n\n{total}"
    CRITERION_LINE = "{mark} {code} ({points} points): {title}"
    CRITERIA_TOTAL = "{count} criteria chosen · maximum {points}/{scale} points."
    BTN_ALL = "Select all"
    BTN_NEXT = "Continue ➡️"
    NEED_ONE_CRITERION = "Please choose at least one criterion."
    ALL_REQUIRED = "This campaign requires all criteria."
    CONFIRM_REG = (
        "Please check your registration:\n"
        "• Campaign: {campaign}\n• Model: {model}\n• Subject: {subject}\n"
        "• Criteria: {codes}\n• Maximum points: {points}/{scale}\n"
        "Submit it?"
    )
    BTN_SUBMIT = "📨 Submit"
    BTN_EDIT_CRITERIA = "Change criteria"
    REG_SUBMITTED = (
        "✅ Registration of model {model} for {subject} submitted. Status: awaiting approval.\n"
        "Next: send evidence with /evidence."
    )
    ALREADY_SAME_MODEL = (
        "{subject} has already registered model {model} (status: {status}). Each model can be "
        "registered once; see /progress."
    )
    CAP_REACHED = (
        "{subject} has already registered {count} models ({models}), the maximum of {cap}. "
        "See /progress."
    )
    NOT_UNIT_REGISTRANT = (
        "Only the unit's manager, union committee or Party committee may register the unit."
    )
    SUBJECT_TYPE_NOT_ALLOWED = "This model does not accept entries for that subject."

    NO_ENTRIES = "You have no registration in progress. Type /register to register."
    PICK_ENTRY = "Choose a registration:"
    ENTRY_LABEL = "{model} · {subject}"
    EVIDENCE_CLOSED = "The evidence deadline has passed ({date})."
    EVIDENCE_NOT_YET = "Evidence cannot be sent yet (from {date})."
    PICK_CRITERION_EVIDENCE = "Choose the criterion to send evidence for ({model} · {subject}):"
    CRITERION_EVIDENCE_LABEL = "{code} · {count} pieces"
    ASK_FILES = (
        "Send evidence for {code} – {title}\n"
        "Expected evidence: {hint}\n"
        "Send photos, files (PDF, Word, Excel) or type a note (figures, a link); a caption is "
        "welcome. Tap «Done» when finished."
    )
    ASK_FILES_PHOTOS_ONLY = (
        "Send evidence for {code} – {title}\n"
        "Expected evidence: {hint}\n"
        "This channel takes photos but not documents: please photograph each page, or send "
        "the file through Telegram or the Zalo OA. You can also type a note (figures, a link). "
        "Tap «Done» when finished."
    )
    KIND_PHOTO = "photo"
    KIND_DOCUMENT = "file"
    EVIDENCE_SAVED_FILE = "✅ Saved {kind} «{name}» ({size}) for {code}. Send more or tap «Done»."
    EVIDENCE_SAVED_ALBUM = (
        "✅ Saved {count} photos of the album for {code}. Send more or tap «Done»."
    )
    EVIDENCE_SAVED_NOTE = "✅ Saved the note for {code}. Send more or tap «Done»."
    EVIDENCE_DONE = "Received {count} pieces of evidence for {code} this time."
    EVIDENCE_NONE_SENT = "No evidence was sent for {code} this time."
    BTN_OTHER_CRITERION = "Another criterion"
    FILE_TOO_LARGE = "The file is too large ({size_mb} MB). Please send a file under {limit_mb} MB."
    FILE_TYPE_NOT_ALLOWED = (
        "This type of file is not accepted ({name}). Only photos (JPG, PNG), PDF, Word and Excel."
    )
    FILE_CONTENT_MISMATCH = (
        "The content of «{name}» does not match its format. Please send the original file."
    )
    DOWNLOAD_FAILED = "The file could not be downloaded. Please send it again."
    DOCUMENTS_NOT_SUPPORTED = (
        "This channel does not take documents. Please photograph each page, or send the file "
        "through Telegram or the Zalo OA."
    )
    EMPTY_NOTE = "The note is empty. Please type something, or send a photo or file."
    CRITERION_NOT_CHOSEN = "This criterion is not part of the registration."
    ENTRY_LOCKED = "The registration is «{status}» and cannot be changed."
    NOT_YOUR_ENTRY = "This registration is not yours."

    NO_SELF_ENTRIES = "You have no registration to self-score."
    SELF_NOT_YET = "Self-scoring is not open yet ({opens} – {closes})."
    SELF_CLOSED = "Self-scoring closed on {closes}."
    ASK_SCORE = (
        "Self-score {index}/{count} · {code}: {title}\n"
        "Maximum {max} points. Guide: {guide}\n"
        "Evidence sent: {evidence}. Current score: {current}.\n"
        "Enter a score from 0 to {max} (steps of {step}):"
    )
    SCORE_NOT_NUMBER = "Please enter a number such as 8 or 8.5 (from 0 to {max})."
    SCORE_OUT_OF_RANGE = "The score must be from 0 to {max}."
    SCORE_STEP = "The score must be a multiple of {step} (e.g. 7 or 7.5)."
    SCORE_SAVED = "Saved {code}: {score} points."
    SELF_SUMMARY = "Self-scores · {model} · {subject}\n{lines}\nTotal: {total}/{scale} points."
    SCORE_LINE = "• {code}: {score}/{max}"
    NOT_SCORED = "not scored"
    BTN_EDIT_SCORE = "Change one score"
    PICK_CRITERION_SCORE = "Choose the criterion to re-score:"
    SELF_DONE = "✅ Self-scores saved. Total: {total}/{scale} points."

    PROGRESS_NONE = "You have no registration yet. Type /register to register a model."
    PROGRESS_ENTRY = "📌 {model} · {subject}\nStatus: {status}"
    PROGRESS_LINE = "• {code} ({max} pts): {evidence} evidence · self-score {score}"
    PROGRESS_TOTAL = (
        "Self-score total: {total}/{scale} points (maximum of the chosen criteria: {chosen})."
    )
    PROGRESS_MISSING_EVIDENCE = "Evidence still missing: {codes}."
    PROGRESS_MISSING_SCORES = "Not self-scored yet: {codes}."
    PROGRESS_COMPLETE = "Every criterion has evidence and a self-score."

    HELP_HEADER = "What you can do:"
    HELP_LINES: ClassVar[dict[str, str]] = {
        "dangky": "/register (/dangky) – register a model for yourself or your unit",
        "minhchung": "/evidence (/minhchung) – send photos, files or notes as evidence",
        "chamdiem": "/selfscore (/chamdiem) – score each criterion yourself",
        "tiendo": "/progress (/tiendo) – see your progress and self-scores",
        "dulieu": "/mydata (/dulieu) – see the data the bot holds, withdraw consent",
        "ngonngu": "/language (/ngonngu) – switch language (Tiếng Việt / English)",
        "menu": "/menu – back to the main menu",
        "huy": "/cancel (/huy) – stop what you are doing",
        "nhacviec": "/reminders (/nhacviec) – set, list and pause reminders for your unit",
        "baocao": "/report (/baocao) – your unit's progress report; change when it comes",
        "thongbao": "/announce (/thongbao) – send an announcement to staff",
        "duyet": "/approve (/duyet) – approve or return registrations",
        "thamdinh": "/review (/thamdinh) – check evidence, score the entries assigned to you",
        "phancong": "/assign (/phancong) – assign reviewers (from other units)",
        "binhxet": "/vote (/binhxet) – the council's deliberation and secret ballot",
        "ketqua": "/results (/ketqua) – see the published results",
        "gopy": "/comment (/gopy) – comment on or object to results during the window",
        "bangxephang": "/leaderboard (/bangxephang) – ranking by unit and by model",
        "dienhinh": "/exemplars (/dienhinh) – recognised exemplars to learn from and replicate",
        "xuatketqua": "/export (/xuatketqua) – export the results to an Excel file",
        "giaidoan": "/phase (/giaidoan) – move the demo campaign to its next phase",
        "web": "/web – open the console in a browser (a one-time sign-in link)",
    }
    COMMAND_HINTS: ClassVar[dict[str, str]] = {
        "dangky": "Register a model",
        "minhchung": "Send evidence",
        "chamdiem": "Self-score",
        "tiendo": "See progress",
        "dulieu": "My data",
        "ngonngu": "Change language",
        "trogiup": "Help",
        "menu": "Main menu",
        "huy": "Stop what you are doing",
    }
    HELP_UNLINKED = "Type /start to link your account with the invite code your unit gave you."
    PICK_LANGUAGE = "Chọn ngôn ngữ / Choose a language:"
    LANGUAGE_SET = "Switched to English."
    MYDATA = (
        "What the bot holds about you:\n"
        "• Employee code: {code}\n• Name: {name}\n• Unit: {unit}\n• Position: {position}\n"
        "• Phone: {phone}\n• Roles: {roles}\n• Trade union member: {union}\n"
        "• Linked chat accounts: {accounts}\n"
        "• Consent given: {consent}\n"
        "• Registrations: {registrations} · evidence sent: {evidence}\n"
        "• Messages the bot sent you: {messages} · audit entries about you: {audit}\n"
        "To correct your staff record, please contact your unit's personnel office."
    )
    YES = "yes"
    NO = "no"
    BTN_MYDATA_FILE = "📄 Download all my data (file)"
    MYDATA_FILE_CAPTION = (
        "Everything the bot holds about you (a JSON file): record, chat accounts, consents, "
        "registrations, evidence list, messages sent and audit entries."
    )
    NONE = "none"
    BTN_WITHDRAW = "Withdraw consent and unlink"
    CONFIRM_WITHDRAW = (
        "Withdrawing consent unlinks ALL your chat accounts (Telegram, Zalo...); the bot will "
        "not message you any more and drops messages not yet sent. Registrations and evidence already sent stay with your unit under the "
        "emulation rules. Are you sure?"
    )
    BTN_CONFIRM_WITHDRAW = "Yes, withdraw consent"
    WITHDRAWN = (
        "Consent withdrawn and all your chat accounts unlinked. Type /start to use the bot again."
    )
    ROLE_NAMES: ClassVar[dict[str, str]] = {
        "staff": "Staff",
        "manager": "Unit manager",
        "union_committee": "Union committee",
        "party_committee": "Party committee",
        "reviewer": "Reviewer",
        "council_member": "Council member",
        "admin": "Administrator",
    }

    IMPORT_OK = "Imported {path}: {created} new, {updated} updated, {unchanged} unchanged."
    IMPORT_FAILED = "Did not import {path}: {count} error(s); nothing was written to the database."
    IMPORT_LINE = "Line {line}: {message}"
    IMPORT_ERRORS: ClassVar[dict[str, str]] = {
        "missing_columns": "missing columns {columns}",
        "missing_value": "missing value in column {column}",
        "missing_key": "missing «{key}» {where}",
        "bad_code": "code «{code}» is not valid (letters, digits, dots and dashes only)",
        "unknown_kind": "unit kind «{kind}» is not valid (one of: {kinds})",
        "duplicate_unit": "unit code {code} is duplicated (first on line {first})",
        "duplicate_person": "employee code {code} is duplicated (first on line {first})",
        "duplicate_code": "code {code} is duplicated (first on line {first})",
        "unknown_parent": "unit {code}: parent unit «{parent}» not found",
        "cycle": "unit {code} is part of a parent loop",
        "unknown_unit": "no unit «{code}» (import the units first)",
        "unknown_role": "role «{role}» is not valid (one of: {roles})",
        "bad_phone": (
            "phone number «{phone}» is not a Vietnamese mobile number "
            "(10 digits starting with 03, 05, 07, 08 or 09)"
        ),
        "bad_bool": "column {column}: «{value}» is not true/false",
        "bad_date": "date «{value}» ({key}{column}) is not valid, expected YYYY-MM-DD",
        "bad_yaml": "the YAML file cannot be read: {detail}",
        "bad_points": "criterion {code}: maximum points «{value}» must be a positive integer",
        "points_sum": "model {model}: specific criteria total {total} points, must be exactly {expected}",
        "dates_order": "date {first} must not be after {second}",
        "bands_gap": "band {code}: bands must be contiguous from 0 to 100 (expected {expected})",
        "unknown_evidence_type": "criterion {code}: evidence type «{kind}» is not in the catalogue",
        "model_in_use": "cannot drop model {codes}: it has registrations",
        "criterion_in_use": "cannot drop criterion {codes}: registrations chose it",
        "unreadable_file": (
            "the file «{name}» cannot be read: not a valid Excel (.xlsx) or CSV (UTF-8) file, "
            "or it is damaged"
        ),
        "unit_out_of_scope": "unit «{code}» is outside the units you administer",
        "person_out_of_scope": "employee {code} is now in a unit outside the units you administer",
    }
    CLI_NO_PERSON = "No staff member with code {code}."
    CLI_INVITE = "Invite code for {name} ({code}): {invite} (expires {expires})"
    CLI_INVITES_WRITTEN = "Wrote {count} invite codes to {path}."
    CLI_INVITES_NOT_WRITTEN = (
        "Could not write {path} ({error}). No new codes were made; the old invite codes still work."
    )
    CLI_DEMO_LOADED = "Demo data loaded: {units} units, {people} staff, campaign {campaign}."
    CLI_DEMO_EXISTS = "The database already has data; demo data not loaded again."
    CLI_AUDIT_OK = "Audit log intact: {rows} rows."
    CLI_BACKUP_DONE = "Backed up to {path}: {rows} rows, {files} evidence files ({new} new); {removed} old backups removed."
    CLI_BACKUP_FAILED = "Backup failed: {reason}"
    CLI_RESTORE_DONE = "Restored {rows} rows and {files} evidence files (schema {head})."
    CLI_RESTORE_FAILED = "Restore failed: {reason}"
    CLI_AUDIT_BROKEN = (
        "Audit log tampered with at row #{id} ({reason}); {rows} valid rows before it."
    )
    CLI_CHAT_INTRO = (
        "Chatting as {name} ({code}) on the demo data. Switch person: "
        "python -m bot chat --as EMPLOYEE_CODE (e.g. HNI0005); connect Telegram: set "
        "TELEGRAM_BOT_TOKEN in .env and run again. Type /cancel to stop, Ctrl-D to quit."
    )
    CLI_DB_UPGRADED = "The database is at the newest version."

    # -- review, vote, publication ---------------------------------------------------------
    CLI_NO_CAMPAIGN = "No campaign with code {code}."
    CLI_EXPORTED = "Exported the results of {campaign} to {path}."
    BTN_RESULTS = "🏆 Results"
    BTN_APPROVE_LIST = "✅ Approve registrations"
    BTN_ASSIGN = "👥 Assign reviewers"
    BTN_REVIEW = "🔎 Review"
    BTN_VOTE = "🗳 Council vote"
    BTN_COMMENT = "💬 Comment"
    BTN_BACK_TO_LIST = "↩️ List"
    REASON_NEEDED = "Please type the text (reason, answer) in words."
    NONE_YET = "none yet"
    NOT_REVIEWER = "You have not been given the review team role."
    NOT_COUNCIL = "You are not a member of the council."
    # approval
    NO_APPROVALS = "No registration is waiting for your approval."
    NO_MORE_APPROVALS = "All waiting registrations are handled."
    APPROVAL_PICK = "{count} registrations wait for your approval. Choose one:"
    APPROVAL_ENTRY = (
        "📋 {model}\nSubject: {subject}\nRegistered by: {registrant} · sent on {date}\n"
        "Chosen criteria:\n{criteria}"
    )
    MINUTES_COUNT = "Minutes of the collective's meeting: {count} files/photos (sent above)."
    MINUTES_NONE = (
        "⚠️ No minutes show that the collective agreed to register; it cannot be approved "
        "yet, you may return it to be completed."
    )
    MINUTES_CAPTION = "Minutes of the collective's meeting"
    BTN_APPROVE = "✅ Approve"
    BTN_RETURN = "↩️ Return"
    RETURN_ASK_REASON = "Please type why it is returned (the registrant receives it at once):"
    APPROVED_OK = "✅ Approved the registration of {subject}."
    RETURNED_OK = "↩️ Returned the registration of {subject}, with the reason."
    NOTICE_APPROVED = (
        "✅ The registration of model {model} for {subject} was approved. Next: send evidence "
        "for each criterion."
    )
    NOTICE_RETURNED = (
        "↩️ The registration of model {model} for {subject} was returned.\nReason: {reason}\n"
        "Correct it and send it again with /register."
    )
    NOTICE_TO_APPROVE = (
        "📋 The registration of model {model} for {subject} waits for your approval."
    )
    BTN_FIX_ENTRY = "✏️ Correct and resend"
    REG_NEEDS_MINUTES = (
        "A collective registration needs minutes showing the group agreed: send them with "
        "/evidence, choosing «Minutes of the collective's meeting»."
    )
    # resubmission
    RESUBMIT_PICK = "Returned registrations:\n{lines}\nWhat would you like to do?"
    RETURNED_LINE = "• {model} · {subject}\n  Reason: {reason}"
    BTN_FIX = "✏️ Correct: {entry}"
    BTN_NEW_ENTRY = "📝 Register a new model"
    RESUBMIT_CRITERIA = (
        "Correct the criteria (press to select/unselect), then press «Continue»:\n{lines}"
    )
    RESUBMIT_CONFIRM = "Send {model} · {subject} again with the criteria: {codes}?"
    BTN_RESUBMIT = "📨 Send again"
    RESUBMITTED = (
        "✅ Sent the registration of model {model} for {subject} again. Status: awaiting approval."
    )
    # evidence for collectives
    BTN_MINUTES = "📄 Minutes of the collective's meeting"
    MINUTES_CODE = "meeting minutes"
    ASK_MINUTES = (
        "Send the minutes (a file, or a photo of each page) showing the collective discussed "
        "and agreed to register the model. Press «Done» when finished."
    )
    # review menu and evidence check
    NOTHING_TO_REVIEW = "There is no evidence to check and no entry to score right now."
    REVIEW_MENU = "Your review work:"
    BTN_CHECK_EVIDENCE = "🔎 Check evidence ({count})"
    BTN_SCORE_ENTRIES = "📝 Score entries ({count})"
    EVIDENCE_CHECK = (
        "🔎 Evidence to check ({left} left)\nCriterion {code}: {title}\n"
        "Model: {model} · {subject}\nSent by: {sender} · {date}\nExpected evidence: {hint}"
    )
    EVIDENCE_DECIDE = "Does this evidence meet the criterion?"
    EVIDENCE_FILE_LINE = "[{kind}] {name} ({size}) · caption: {caption}"
    EVIDENCE_NOTE_LINE = "[note] {note}"
    BTN_ACCEPT = "✅ Accept"
    BTN_REJECT = "❌ Reject"
    BTN_SKIP = "⏭ Later"
    BTN_STOP = "Stop"
    EVIDENCE_ACCEPTED = "✅ Evidence accepted."
    EVIDENCE_REJECT_REASON = "Please type why it is rejected (the sender receives it at once):"
    EVIDENCE_REJECTED = "❌ Evidence rejected; the sender has been told."
    EVIDENCE_QUEUE_EMPTY = "All waiting evidence is checked."
    NOTICE_EVIDENCE_REJECTED = (
        "❌ Evidence for criterion {code} (model {model} · {subject}) was not accepted.\n"
        "Reason: {reason}\nYou may send better evidence with /evidence."
    )
    # scoring
    NO_ASSIGNMENTS = "You have not been assigned any entry to score."
    SCORING_PICK = "Choose the entry to score:"
    SHEET_DRAFT = "not submitted"
    SHEET_SUBMITTED = "submitted"
    SHEET_REOPENED = "to look at again"
    METHODS: ClassVar[dict[str, str]] = {
        "judgement": "by judgement",
        "ratio": "by ratio",
        "count": "by count",
    }
    REVIEW_SCORE_ASK = (
        "Score {index}/{count} · {model} · {subject}\n{code}: {title}\n"
        "At most {max} points · method: {method}\nGuide: {guide}\n"
        "Expected evidence: {hint}\n"
        "Accepted evidence: {accepted} · waiting to be checked: {pending}\n"
        "Your score now: {current}\nType a score from 0 to {max} (step {step}):"
    )
    NO_ACCEPTED_EVIDENCE_HINT = (
        "⚠️ This criterion has no accepted evidence, so it can only score 0 (check the "
        "waiting evidence with /review)."
    )
    BTN_SHOW_EVIDENCE = "📎 Show evidence"
    NO_EVIDENCE_FOR_CRITERION = "This criterion has no evidence yet."
    EVIDENCE_STATUS_LINE = "Evidence ({status})"
    EVIDENCE_STATUS: ClassVar[dict[str, str]] = {
        "pending": "waiting to be checked",
        "accepted": "accepted",
        "rejected": "rejected",
    }
    REVIEW_SCORE_SAVED = "Recorded {score} points."
    GATE_ASK = "General (mandatory) criterion {code}:\n{title}\nDoes the model meet it?"
    BTN_GATE_PASS = "✅ Met"
    BTN_GATE_FAIL = "❌ Not met"
    GATE_FAIL_REASON = (
        "A general criterion not met disqualifies the model. Please type the reason (grounds):"
    )
    GATE_LINE = "• {code}: {verdict}"
    GATE_PASSED = "met"
    GATE_FAILED = "not met"
    REVIEW_SUMMARY = (
        "Score sheet · {model} · {subject}\n{lines}\nTotal (computed): {total} points.\n{state}"
    )
    SHEET_DRAFT_NOTE = (
        "Not submitted yet. Once submitted, scores cannot change (only corrections with a reason)."
    )
    SHEET_SUBMITTED_NOTE = "Submitted. A correction adds a new version with its reason."
    SHEET_REOPENED_NOTE = (
        "The entry is reviewed again after an upheld objection: correct scores if needed "
        "(with a reason), then confirm the sheet again."
    )
    BTN_SUBMIT_SCORES = "📨 Submit the sheet"
    BTN_CONFIRM_SCORES = "📨 Confirm again"
    BTN_CORRECT = "✏️ Correct one criterion"
    CORRECTION_REASON = "Please type the reason for the correction (kept with the new version):"
    SCORE_CORRECTED = "✏️ Recorded a new version with its reason; the old score is kept."
    SCORES_SUBMITTED = "📨 Sheet submitted. Submitted scores can no longer change."
    PEER_VIEW = "Self score of the entry: {self_total} · other reviewers' totals: {others}."
    GAP_CALLS_EXTRA = (
        "The reviewers differ by {gap} points, more than allowed: the party committee will "
        "assign another reviewer."
    )
    REVIEW_COMPLETE = "All sheets are in: the final review score is {final} (the mean)."
    NOTICE_ASSIGNED = "👥 You are assigned to review model {model} · {subject}."
    NOTICE_EXTRA_REVIEWER = (
        "⚠️ The reviewers of model {model} · {subject} differ by more than allowed: another "
        "reviewer must be assigned."
    )
    # assignment
    NO_ASSIGNMENTS_NEEDED = "No entry in your scope is waiting for reviewers."
    ASSIGN_PICK_ENTRY = "Entries waiting for reviewers:"
    NEED_LABEL = "{entry} ({assigned}/{needed})"
    NEED_EXTRA_LABEL = "{entry} (one more · {assigned} scored)"
    ASSIGN_PICK_REVIEWER = (
        "Reviewers for {model} · {subject} ({assigned}/{needed}).\n"
        "Choose one (only people of other units), or type an employee code:"
    )
    NO_CANDIDATES = "No suitable reviewer is left in this scope."
    NO_SUCH_PERSON = "No staff member has this code."
    ASSIGNED_OK = "✅ Assigned {name} to review {subject}."
    # council
    COUNCIL_MENU = "The council's vote (secret ballot):"
    BTN_OPEN_ROUNDS = "🗳 Open voting ({count} entries)"
    BTN_CLOSE_ROUNDS = "🔒 Close voting ({count})"
    NOTHING_TO_OPEN = "No entry is waiting for the council yet."
    NOTHING_TO_CLOSE = "No vote is open."
    ROUNDS_OPENED = (
        "🗳 Opened a secret ballot on {count} entries; the council members have been told."
    )
    ROUNDS_CLOSED = "🔒 Voting closed. The count:\n{lines}"
    TALLY_LINE = (
        "• {entry}: {participants}/{members} members voted · for {yes} · against {no} → {result}"
    )
    COUNCIL_RESULTS: ClassVar[dict[str, str]] = {
        "passed": "passed",
        "not_passed": "not passed",
        "no_quorum": "no quorum, to be voted again",
    }
    NOTICE_VOTE_OPEN = "🗳 The council opened a secret ballot on {count} entries. Vote with /vote."
    NO_OPEN_ROUNDS = "There is no vote open for you right now."
    VOTE_ELSEWHERE = (
        "🔒 You cannot vote on this channel: its administrators can read the conversation, so "
        "your ballot and ballot code would not stay secret. Please vote on Telegram (or the "
        "Zalo bot, or the console): type /binhxet there. If you have not linked that channel "
        "yet, ask an administrator for an invite code."
    )
    ROUNDS_PICK = "Choose the entry to vote on (✓ means you have voted):"
    BALLOT_ASK = (
        "🗳 Secret ballot · {model} · {subject}\nReview score: {score} · band {band}\n"
        "The council has {members} members entitled to vote. Do you agree to recognise it?\n"
        "Nobody, admins included, can know what you choose."
    )
    BTN_YES = "Agree"
    BTN_NO = "Disagree"
    VOTE_RECORDED = (
        "✅ Your secret ballot is recorded.\nBallot code: {receipt}\n"
        "Only you have this code; the bot does not keep it. To change your vote before the "
        "vote closes, type /vote, choose the entry and enter the code."
    )
    CHANGE_ASK = (
        "You have voted on this entry. To change your vote (Agree ↔ Disagree), enter the "
        "ballot code you received when voting:"
    )
    WRONG_RECEIPT = "Wrong ballot code. Please check it (8 characters, e.g. K7QM-4XPD)."
    VOTE_CHANGED = "✅ Your vote is changed."
    # publication and decision
    NO_RESULTS_YET = "No result has been published yet."
    RESULTS_HEADER = "🏆 Published results · {campaign}"
    RESULT_LINE = (
        "• {model} · {subject} ({unit}): {score} points · {band} · Council: {council} · {status}"
    )
    MORE_RESULTS = "… and {count} more results."
    COMMENT_UNTIL = "Comments and objections with /comment until the end of {date}."
    DECISION_LINE = "Recognition decision no. {number} of {date}."
    BTN_PUBLISH = "📢 Publish results"
    BTN_FINALIZE = "🏁 Record the decision"
    BTN_REVOKE = "⛔ Revoke a recognition"
    BTN_EXPORT = "📊 Export to Excel"
    NOTHING_TO_PUBLISH = "No new result to publish ({waiting} entries still wait for the council)."
    PUBLISHED_OK = (
        "📢 Published {count} results; comments until the end of {date}. "
        "{waiting} entries still wait for the council."
    )
    NOTICE_PUBLISHED = "📢 Results of {campaign} are public. Comment or object with /comment until the end of {date}:"
    ASK_DECISION_NUMBER = "Type the number of the recognition decision (e.g. 125/QĐ-ĐU):"
    DECISION_NUMBER_NEEDED = "Please type the decision number."
    ASK_DECISION_DATE = "Type the date the decision was signed (dd/mm/yyyy):"
    BAD_DATE = "Not a valid date. Please type it as dd/mm/yyyy, e.g. 08/01/2025."
    FINALIZED_OK = (
        "🏁 Recorded the decision for {count} results; {recognized} models are recognised."
    )
    NOTICE_RECOGNIZED = (
        "🏅 Model {model} of {subject} is recognised as an exemplar by decision no. {number} "
        "of {date}."
    )
    NOTICE_NOT_RECOGNIZED = (
        "Model {model} of {subject} is not recognised as an exemplar (decision no. {number} "
        "of {date})."
    )
    NOTICE_DISQUALIFIED_FINAL = (
        "Model {model} of {subject} is disqualified for failing a general criterion "
        "(decision no. {number} of {date})."
    )
    NOTHING_TO_REVOKE = "No model is recognised in your scope."
    REVOKE_PICK = "Choose the model whose recognition is revoked:"
    REVOKE_REASON = "Please type the reason for revoking (the fraud that was proven):"
    REVOKED_OK = "⛔ Revoked the recognition of the model of {subject}."
    NOTICE_REVOKED = (
        "⛔ The recognition of model {model} of {subject} was revoked.\nReason: {reason}"
    )
    # comments
    NOTHING_TO_COMMENT = "No result is open for comments right now."
    COMMENTS_MENU = "Comments on the published results:"
    BTN_ANSWER_COMMENTS = "📨 Answer comments ({count})"
    BTN_WRITE_COMMENT = "💬 Write a comment"
    COMMENT_PICK_ENTRY = "Choose the result to comment on:"
    COMMENT_PICK_KIND = "Do you want to comment, or object and ask for the result to be reviewed?"
    BTN_KIND_COMMENT = "💬 Comment"
    BTN_KIND_OBJECTION = "⚖️ Object (ask for review)"
    KIND_NAMES: ClassVar[dict[str, str]] = {"comment": "comment", "objection": "objection"}
    COMMENT_ASK_TEXT = (
        "Type your comment. Your name is kept only to answer you; it is not published with it."
    )
    COMMENT_EMPTY = "The comment is empty. Please type something."
    COMMENT_SAVED = "✅ Comment recorded. The party committee will answer you through the bot."
    NOTICE_NEW_COMMENT = (
        "💬 A new comment on the result of {model} · {subject}. Answer with /comment."
    )
    COMMENT_PICK_TO_ANSWER = "Comments waiting for an answer:"
    COMMENT_TO_ANSWER = "Comment #{id} ({kind}) on {model} · {subject}:\n«{text}»\nType the answer:"
    OBJECTION_VERDICT = "Is this objection upheld? If so, the entry is reviewed again."
    BTN_UPHOLD = "✅ Uphold, review again"
    BTN_DISMISS = "❌ Dismiss"
    ANSWER_SAVED = "✅ Answer saved; the commenter has been told."
    ANSWER_SAVED_REOPENED = (
        "✅ Answer saved; the entry is reviewed again and its reviewers have been told."
    )
    NOTICE_ANSWERED = "📨 Answer to your comment on {model} · {subject}:\n{answer}"
    NOTICE_UPHELD = "Your objection is upheld: the entry is reviewed again."
    NOTICE_REOPENED = (
        "🔁 Model {model} · {subject} is reviewed again after an upheld objection: look at "
        "your sheet with /review."
    )
    # leaderboard and exemplars
    NO_FINAL_RESULTS = "There are no final results to rank yet."
    LEADERBOARD_HEADER = "🏆 Leaderboard · {campaign}"
    BY_UNIT = "By unit:"
    BY_MODEL = "By model:"
    STANDING_LINE = "{rank}. {name}: {recognized}/{entries} recognised · mean score {mean}"
    NO_EXEMPLARS = "No exemplar has been recognised yet."
    EXEMPLARS_PICK = "Recognised exemplary models, to learn from and replicate:"
    EXEMPLAR_HEADER = (
        "🏅 {model}\n{subject} ({unit})\nReview score {score} · {band}\n"
        "Decision no. {number} of {date}\nStrongest criteria:"
    )
    EXEMPLAR_CRITERION = "• {code} ({score}/{max}): {title}"
    BEST_EVIDENCE = "Best evidence"
    # export and phases
    EXPORT_NO_FILES = (
        "This channel cannot send files. An administrator can export with: "
        "python -m bot export results --campaign {code} --out results.xlsx"
    )
    EXPORT_CAPTION = "📊 Results of {campaign} (Excel)"
    EXPORT_READY = "The results workbook has been sent."
    PHASE_DEMO_ONLY = (
        "Only the demo campaign changes phase by hand; a real campaign follows its dates."
    )
    PHASE_SHOW = "Phases of {campaign}:\n{lines}"
    PHASE_NAMES: ClassVar[dict[str, str]] = {
        "launched": "Launch",
        "registration_open": "Registration",
        "implementation": "Implementation, evidence",
        "scoring": "Review and scoring",
        "deliberation": "Council vote",
        "publication": "Publication, comments",
        "closed": "Closed, decision",
    }
    PHASE_HINTS: ClassVar[dict[str, str]] = {
        "registration_open": "Next: register (/register) and approve (/approve).",
        "implementation": "Next: send evidence (/evidence), check it (/review).",
        "scoring": "Next: self-score (/selfscore), assign (/assign), score (/review).",
        "deliberation": "Next: the council's secret ballot (/vote).",
        "publication": "Next: publish the results (/results), comments (/comment).",
        "closed": (
            "Demo: moving to this phase ends the comment window at once, so the decision can "
            "be recorded (/results)."
        ),
    }
    PHASE_LAST = "This is the last phase."
    BTN_NEXT_PHASE = "➡️ Move to: {phase}"
    PHASE_MOVED = "The demo campaign moved to the phase «{phase}»."
    WINDOW_NAMES: ClassVar[dict[str, str]] = {
        "approval": "approving registrations",
        "evidence_review": "checking evidence",
        "scoring": "review and scoring",
        "council": "the council vote",
        "publication": "publishing results and the decision",
    }
    WINDOW_NOT_YET = "It is not yet time for {name} ({opens} to {closes})."
    WINDOW_CLOSED = "The time for {name} has ended ({closes})."
    REVIEW_ERRORS: ClassVar[dict[str, str]] = {
        "showcase_not_allowed": "Only accepted photos or notes of a recognised entry can be showcased.",
        "bad_import_file": "This file is not the right type for this import (roster, units: .xlsx or .csv; campaign: .yaml).",
        "bad_import_kind": "There is no such import: only the roster, the units or the campaign can be loaded.",
        "bad_audience": "That audience is not valid. Please choose one from the list.",
        "bad_broadcast": "An announcement needs a text and an audience from the list.",
        "bad_choice": "That choice is not valid. Please choose Agree or Disagree.",
        "bad_schedule": (
            "That schedule is not valid. Please check the time (like 07:30), the weekdays "
            "or the date."
        ),
        "empty_message": "The reminder text is empty or its button is not valid.",
        "link_unusable": "This sign-in link has been used or has expired. Please ask for a new one.",
        "no_campaign": "There is no campaign running for this.",
        "not_approver": "You do not approve this registration.",
        "minutes_required": (
            "A collective needs minutes showing the group agreed (a file or photos) before it "
            "can be approved. You may return it to be completed."
        ),
        "minutes_collective_only": "Meeting minutes are only for collective registrations.",
        "reason_required": "Please type the reason.",
        "not_reviewer": "This person is not on the review team for this entry's scope.",
        "admin_excluded": "Administrators may not score or vote.",
        "conflict_same_unit": (
            "Cannot assign: {name} is from the entry's own unit (conflict of interest). Please "
            "choose someone from another unit."
        ),
        "conflict_own_entry": "Cannot assign: {name} registered the entry or is its subject.",
        "already_assigned": "{name} is already assigned to this entry.",
        "no_reviewer_needed": "This entry has all the reviewers it needs.",
        "not_in_scope": "This entry is not in your scope.",
        "not_assigned": "You are not assigned to score this entry.",
        "already_submitted": "The sheet is submitted; only corrections with a reason are possible.",
        "not_submitted": "The sheet is not submitted yet.",
        "no_accepted_evidence": "Criterion {criterion} has no accepted evidence, so it can only score 0.",
        "gate_value": "Please choose «Met» or «Not met».",
        "sheet_incomplete": "Criteria not scored yet: {codes}.",
        "submit_first": "Other scores can be seen only after you submit.",
        "evidence_already_checked": "This evidence has already been checked.",
        "not_council_member": "You may not vote on this entry (not on its council, or from its unit).",
        "vote_closed": "This vote is closed.",
        "already_voted": "You have already voted on this entry.",
        "not_voted": "You have not voted on this entry.",
        "wrong_receipt": "Wrong ballot code.",
        "no_council": "No council decides entries of this unit yet.",
        "not_committee": "This is for the party committee.",
        "comment_window_open": "Comments are open until the end of {closes}; no decision yet.",
        "comments_unanswered": "{count} comments are not answered yet; answer them before the decision.",
        "nothing_to_finalize": "No published result is waiting for a decision.",
        "decision_number_required": "Please type the decision number.",
        "comment_closed": "This result is not (or no longer) open for comments.",
        "empty_comment": "The comment is empty. Please type something.",
        "already_answered": "This comment has already been answered.",
        "upheld_required": "Please choose whether the objection is upheld.",
        "not_demo": "Only the demo campaign changes phase by hand.",
        "last_phase": "The campaign is already in its last phase.",
        "ballot_count_mismatch": (
            "Cannot count: entry no. {entry}, round {round} has {ballots} ballots but "
            "{participants} members voted. No round was closed and no result recorded; "
            "please ask an administrator to check."
        ),
        "not_ready_for_council": "This entry is not ready to go to the council.",
        "round_already_open": "This entry already has a vote that is not closed.",
    }
    # -- reminders, digests, broadcasts ----------------------------------------------------
    WEEKDAYS: ClassVar[tuple[str, ...]] = (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    )
    CAMPAIGN_DATES: ClassVar[dict[str, str]] = {
        "registration_opens": "Registration opens",
        "registration_closes": "Registration deadline",
        "evidence_deadline": "Evidence deadline",
        "self_scoring_opens": "Self-scoring opens",
        "self_scoring_closes": "Self-scoring deadline",
    }
    AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "Everyone in the unit",
        "unregistered": "People not yet registered",
        "no_evidence": "People with no recent evidence",
        "no_selfscore": "People who have not self-scored",
        "returned": "People whose entry was returned and not re-sent",
    }
    REMINDER_ISSUER: ClassVar[dict[str, str]] = {
        "union_committee": "The Trade Union Committee of {unit}",
        "party_committee": "The Party Committee of {unit}",
        "admin": "The Emulation and Rewards office of {unit}",
    }
    REMINDER_TEXT = "📣 {issuer} reminds you:\n{message}"
    REMINDERS_NOT_ALLOWED = "Only union committees, party committees and admins can set reminders."
    REMINDERS_HOME = "Reminders: you have {count} reminders. What would you like to do?"
    BTN_NEW_REMINDER = "➕ New reminder"
    BTN_MY_REMINDERS = "📋 My reminders"
    PICK_UNIT = "Choose a unit (units below it are included), or type a unit code:"
    UNIT_NOT_IN_SCOPE = "This unit is not within your scope. Please choose again."
    PICK_AUDIENCE = "Remind whom in {unit}?"
    ASK_EVIDENCE_DAYS = (
        "Remind people with no evidence in how many recent days? Choose or type a number (1–365):"
    )
    BAD_DAYS = "Please type a number of days from 1 to 365."
    DAYS_LABEL = "{days} days"
    PICK_REMINDER_MODEL = "Only about one model, or every model?"
    BTN_ALL_MODELS = "Every model"
    PICK_SCHEDULE = "When should the reminder go out?"
    BTN_ONCE = "🗓 Once"
    BTN_WEEKLY = "🔁 Every week"
    BTN_RELATIVE = "⏳ Relative to a campaign date"
    ASK_ONCE_AT = "Type the date and time as day/month/year hour:minute, e.g. {example}:"
    BAD_DATETIME = "That is not a date and time. Please type it like {example}."
    PAST_DATETIME = "That moment has passed. Please choose a time after {now}."
    PICK_WEEKDAYS = "Choose the days of the week (press to select/unselect), then «Continue»:"
    NEED_ONE_DAY = "Please choose at least one day."
    ASK_TIME = "At what time? Type hour:minute, Vietnam time, e.g. 07:30:"
    BAD_TIME = "That is not a time. Please type hour:minute, e.g. 07:30 or 16:00."
    PICK_ANCHOR = "Relative to which date of the campaign {campaign}?"
    ANCHOR_LABEL = "{name} ({date})"
    ASK_OFFSET = "How many days before that date? Type a number, e.g. 3; 0 for the day itself; negative for after it (e.g. -1)."
    BAD_OFFSET = "Please type a number of days from -60 to 60, e.g. 3."
    ASK_MESSAGE = "Type the reminder's message (at most 1,000 characters):"
    BAD_MESSAGE = "The message is empty or too long. Please type 1 to 1,000 characters."
    PICK_BUTTON = "Which task should the reminder's button open?"
    REMINDER_PREVIEW = "Preview (recipients will see this):"
    REMINDER_SUMMARY = (
        "• Unit: {unit}\n• Audience: {audience}\n• Schedule: {schedule}\n"
        "• Next: {next}\n• {count} people match now, {reachable} of them reachable through "
        "the bot.\nSave this reminder?"
    )
    NO_NEXT = "no further time"
    BTN_SAVE_REMINDER = "✅ Save reminder"
    REMINDER_SAVED = "✅ Reminder saved. Next: {next}."
    SCHEDULE_ONCE = "once at {time}"
    SCHEDULE_WEEKLY = "every week on {days} at {time}"
    SCHEDULE_RELATIVE_BEFORE = "{days} days before the {anchor} ({date}) at {time}"
    SCHEDULE_RELATIVE_AFTER = "{days} days after the {anchor} ({date}) at {time}"
    SCHEDULE_RELATIVE_ON = "on the {anchor} ({date}) at {time}"
    AUDIENCE_DAYS = "{audience} (within {days} days)"
    AUDIENCE_MODEL = "{audience} · model {model}"
    RULE_STATUS: ClassVar[dict[str, str]] = {
        "active": "on",
        "paused": "paused",
        "done": "sent",
    }
    NO_REMINDERS = "You have not set any reminders."
    PICK_REMINDER = "Your reminders (choose one to pause, resume or delete it):"
    REMINDER_LINE = "#{id} · {unit} · {schedule} ({status})"
    REMINDER_DETAIL = (
        "Reminder #{id} ({status})\n• Unit: {unit}\n• Audience: {audience}\n"
        "• Schedule: {schedule}\n• Message: {message}"
    )
    BTN_PAUSE = "⏸ Pause"
    BTN_RESUME = "▶️ Resume"
    BTN_DELETE = "🗑 Delete"
    CONFIRM_DELETE_REMINDER = "Delete reminder #{id}? This cannot be undone."
    BTN_CONFIRM_DELETE = "Yes, delete"
    REMINDER_PAUSED = "⏸ Reminder #{id} paused."
    REMINDER_RESUMED = "▶️ Reminder #{id} resumed. Next: {next}."
    REMINDER_DELETED = "🗑 Reminder #{id} deleted."

    BROADCAST_NOT_ALLOWED = "Only admins can send announcements."
    ASK_BROADCAST = (
        "Type the announcement. To attach a photo or file, send it with the text as its caption."
    )
    BROADCAST_FILE_SAVED = "File «{name}» received. Please type the announcement's text."
    BAD_BROADCAST = "The text is empty or too long. Please type 1 to 3,000 characters."
    PICK_BROADCAST_AUDIENCE = "Send the announcement to whom?"
    BROADCAST_AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "Everyone ({unit})",
        "unit": "A unit and the units below it",
        "role": "People holding a role",
        "model": "People registered for a model",
    }
    PICK_ROLE = "Send to the holders of which role?"
    PICK_BROADCAST_MODEL = "Send to the people registered for which model?"
    ASK_URGENT = "Is it urgent? Urgent messages are sent during quiet hours ({quiet}) too; others wait for the morning."
    BTN_URGENT = "🚨 Urgent: send now"
    BTN_NORMAL = "Normal"
    BROADCAST_HEADER = "📢 Announcement"
    BROADCAST_PREVIEW = "Preview (recipients will see this):"
    BROADCAST_SUMMARY = (
        "• Audience: {audience}\n• {urgent}\n• Recipients: {count} people, {reachable} of them "
        "reachable through the bot.\nSend the announcement?"
    )
    URGENT_YES = "Urgent: sent during quiet hours too"
    URGENT_NO = "Normal: not sent during quiet hours"
    BTN_SEND_BROADCAST = "📢 Send announcement"
    BROADCAST_QUEUED = "✅ Announcement #{id} queued. A message will show the sending progress."
    BROADCAST_PROGRESS = (
        "📢 Announcement #{id}: sent {done}/{total} (blocked {blocked}, failed {failed})…"
    )
    BTN_STOP_BROADCAST = "⏹ Stop sending"
    BROADCAST_FINISHED = "📢 Announcement #{id}: finished {done}/{total}."
    BROADCAST_REPORT = (
        "Report on announcement #{id}:\n• Sent: {sent}\n• Blocked (the person blocked the bot): {blocked}\n"
        "• Failed: {failed}\n• Outside the messaging window: {unreachable}\n• Cancelled: {cancelled}"
    )
    BTN_RETRY_FAILED = "🔁 Retry {count} failed"
    BROADCAST_CANCELLED = "⏹ Announcement #{id} stopped. Messages not yet sent were cancelled."
    BROADCAST_RETRYING = "🔁 Sending the {count} failed messages of announcement #{id} again."
    BROADCAST_NOTHING_TO_RETRY = "Announcement #{id} has no failed messages to retry."

    DIGEST_NOT_ALLOWED = "Only unit managers can see unit reports."
    NO_ACTIVE_CAMPAIGN = "No campaign is open at the moment."
    DIGEST_HEADER = "📊 Campaign report · {unit}\nPeriod: {start} – {end}"
    DIGEST_STAFF = "• Staff: {staff} · registered: {registered} ({share})"
    DIGEST_MODELS = "• Entries by model:"
    DIGEST_MODEL_LINE = "  – {model}: {count} ({statuses})"
    DIGEST_NO_ENTRIES = "  – no entries yet"
    DIGEST_EVIDENCE = "• Evidence sent in the period: {count}"
    DIGEST_SELFSCORE = "• Self-scored: {done}/{working} entries"
    DIGEST_WAITING = (
        "• Waiting on you: {approvals} entries to approve, {evidence} evidence items to review"
    )
    DIGEST_LAGGING = "• Units furthest behind:"
    DIGEST_UNIT_LINE = "  – {unit}: {share} ({registered}/{staff})"
    DIGEST_PEOPLE = "• {count} people not registered or without evidence, e.g.:"
    DIGEST_PERSON_LINE = "  – {name} ({unit}): {state}"
    DIGEST_NOT_REGISTERED = "not registered"
    DIGEST_NO_EVIDENCE = "no evidence"
    DIGEST_SEE_FILE = "The full lists are in the attached Excel file."
    CHART_TITLE = "Registration progress by unit · {unit}"
    CHART_XLABEL = "Share of staff registered for a model (%)"
    CHART_CAPTION = "Chart of registration progress by sub-unit."
    XLSX_CAPTION = "Full lists of units and people behind."
    XLSX_UNITS_SHEET = "Units"
    XLSX_UNITS_HEADER: ClassVar[tuple[str, ...]] = (
        "Unit",
        "Staff",
        "Registered",
        "Share (%)",
        "Evidence in period",
    )
    XLSX_PEOPLE_SHEET = "People behind"
    XLSX_PEOPLE_HEADER: ClassVar[tuple[str, ...]] = ("Name", "Unit", "State", "Evidence")
    PICK_DIGEST_UNIT = "Report for which unit?"
    DIGEST_SCHEDULE = "Automatic report: {schedule}."
    DIGEST_OFF = "off"
    BTN_DIGEST_SCHEDULE = "⏰ Change the report schedule"
    BTN_DIGEST_OFF = "🔕 Turn automatic reports off"
    DIGEST_SCHEDULE_SAVED = "✅ Report schedule saved: {schedule}."
    DIGEST_TURNED_OFF = "🔕 Automatic reports are off. Type /baocao to see a report at any time."
    # -- zalo ------------------------------------------------------------------------------
    ZALO_ANSWER_WITH = "Reply {choices} to choose."
    ZALO_OA_INFO_TITLE = "Share your phone number to link your account"
    ZALO_OA_INFO_SUBTITLE = (
        "Tap here, check your name and phone number, then tap Send. The number is only "
        "used to find you on the staff list."
    )
    ZALO_LOGIN_NEEDS = (
        "Set ZALO_OA_APP_ID, ZALO_OA_SECRET_KEY and ZALO_OA_REDIRECT_URI in .env first."
    )
    ZALO_LOGIN_OPEN = (
        "1. Open this address as the OA's admin and press «Allow»:\n{url}\n"
        "2. Paste here the address you were sent to (with «code=...»), then press Enter:"
    )
    ZALO_LOGIN_DONE = (
        "The Zalo OA tokens are stored in the database. Start the bot again to use the OA."
    )
    ZALO_LOGIN_FAILED = "Zalo gave no token (the code expires after 10 minutes?). Please try again."
    # -- committee console -----------------------------------------------------------------
    BTN_CONSOLE = "🖥 Console"
    WEB_LINK = (
        "🔗 Your sign-in link to the console (single use, expires in {minutes} minutes):\n{url}\n"
        "Do not pass this link on to anyone."
    )
    WEB_NOT_CONFIGURED = "The console is not enabled on this server (WEB_BASE_URL is not set)."
