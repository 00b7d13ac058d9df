"""Plain building blocks every rule uses: errors, the injected clock, input checks,
the fixed vocabulary, picked-from-a-list labels, masking, display-safe text and view records.
"""

from core.basics.clock import Clock, FrozenClock, SystemClock
from core.basics.display import printable
from core.basics.errors import AlreadyClaimed, CallfloorError, ImportRejected, InvalidInput, NoSupervisor, NotAllowed, NotFound, PolicyError, Refused, ScriptError, StaleEdit, StorageBusy, StorageProblem, UnknownAgent
from core.basics.labels import Label
from core.basics.masking import mask_name, mask_phone, mask_text
from core.basics.validate import MAX_TEXT, check_date, date_problem, optional_text, pick, pick_word, require_text
from core.basics.views import AgentView, CustomerView, EventView, TicketDetail, TicketSummary, decode_json, plain, summary_fields
from core.basics.vocab import CUSTOMER_TYPES, DIRECTIONS, MOOD_WORDS, ROLE_WORDS, STATUS_WORDS, TIER_WORDS

__all__ = ["AgentView", "AlreadyClaimed", "CUSTOMER_TYPES", "CallfloorError", "Clock", "CustomerView", "DIRECTIONS", "EventView", "FrozenClock", "ImportRejected", "InvalidInput", "Label", "MAX_TEXT", "MOOD_WORDS", "NoSupervisor", "NotAllowed", "NotFound", "PolicyError", "ROLE_WORDS", "Refused", "STATUS_WORDS", "ScriptError", "StaleEdit", "StorageBusy", "StorageProblem", "SystemClock", "TIER_WORDS", "TicketDetail", "TicketSummary", "UnknownAgent", "check_date", "date_problem", "decode_json", "mask_name", "mask_phone", "mask_text", "optional_text", "pick", "pick_word", "plain", "printable", "require_text", "summary_fields"]
