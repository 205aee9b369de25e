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
        "91/2025/QH15; Party membership is sensitive data that only the competent Party "
        "committee may see. Messages over Telegram leave Vietnam.\n"
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
        "• Phone: {phone}\n• Roles: {roles}\n"
        "• Linked chat accounts: {accounts}\n"
        "• Consent given: {consent}\n"
        "• Registrations: {registrations} · evidence sent: {evidence}\n"
        "To correct your staff record, please contact your unit's personnel office."
    )
    NONE = "none"
    BTN_WITHDRAW = "Withdraw consent and unlink"
    CONFIRM_WITHDRAW = (
        "Withdrawing consent unlinks this chat account; the bot will no longer remind you "
        "here. Registrations and evidence already sent stay with your unit under the "
        "emulation rules. Are you sure?"
    )
    BTN_CONFIRM_WITHDRAW = "Yes, withdraw consent"
    WITHDRAWN = "Consent withdrawn and the account unlinked. Type /start to use the bot again."
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
        "bad_phone": "phone number «{phone}» is not valid",
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
    }
    CLI_NO_PERSON = "No staff member with code {code}."
    CLI_INVITE = "Invite code for {name} ({code}): {invite} (expires {expires})"
    CLI_INVITES_WRITTEN = "Wrote {count} invite codes to {path}."
    CLI_DEMO_LOADED = "Demo data loaded: {units} units, {people} staff, campaign {campaign}."
    CLI_DEMO_EXISTS = "The database already has data; demo data not loaded again."
    CLI_AUDIT_OK = "Audit log intact: {rows} rows."
    CLI_AUDIT_BROKEN = (
        "Audit log tampered with at row #{id} ({reason}); {rows} valid rows before it."
    )
    CLI_CHAT_INTRO = (
        "Chatting as {name} ({code}) on the demo data. Switch person: "
        "python -m bot chat --as EMPLOYEE_CODE (e.g. HNI0005); connect Telegram: set "
        "TELEGRAM_BOT_TOKEN in .env and run again. Type /cancel to stop, Ctrl-D to quit."
    )
    CLI_DB_UPGRADED = "The database is at the newest version."

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
