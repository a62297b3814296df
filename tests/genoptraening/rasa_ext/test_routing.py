from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from genoptraening.rasa_ext.routing import ReadingRouter
from genoptraening.rasa_ext.signals import SIGNALS

_QUIET = {"emergency": False, "english": False, "relative": None, "consent": False,
          "emergency_unsure": False}


def _message(text, *ranking):
    ranked = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message({TEXT: text, INTENT: ranked[0], INTENT_RANKING_KEY: ranked,
                    SIGNALS: dict(_QUIET)})


def test_the_router_sets_the_intent_the_dialogue_acts_on(tmp_path):
    router = ReadingRouter.create({}, LocalModelStorage(tmp_path), Resource("routing"),
                                  ExecutionContext(GraphSchema({}), "test"))
    place, misheard, plain = router.process([
        _message("hjoerring", ("ask_cancellation", 0.5), ("greet", 0.2)),
        _message("kan ikke komme ud af sengen, kan hun få træning?", ("emergency", 0.6),
                 ("check_eligibility", 0.3)),
        _message("hvad koster det?", ("ask_cost", 0.9), ("ask_transport", 0.05))])
    assert place.get(INTENT) == {"name": "inform_municipality", "confidence": 1.0}
    assert misheard.get(INTENT)["name"] == "check_eligibility"
    assert misheard.as_dict(only_output_properties=True)[SIGNALS]["emergency_unsure"] is True
    assert plain.get(INTENT) == {"name": "ask_cost", "confidence": 0.9}
    assert plain.get(SIGNALS)["emergency_unsure"] is False


def test_an_unsure_story_leads_with_the_first_of_its_sure_questions(tmp_path):
    router = ReadingRouter.create({}, LocalModelStorage(tmp_path), Resource("routing"),
                                  ExecutionContext(GraphSchema({}), "test"))
    story = _message("Min mor får vederlagsfri fysioterapi. Kan hun få begge dele? Og skal hun "
                     "selv søge?", ("ask_free_choice", 0.55), ("check_eligibility", 0.4))
    story.set("questions", [
        {"text": "Kan hun få begge dele?", "intent": "check_eligibility", "confidence": 0.98},
        {"text": "Og skal hun selv søge?", "intent": "ask_apply", "confidence": 0.99}])
    (read,) = router.process([story])
    assert read.get(INTENT) == {"name": "check_eligibility", "confidence": 0.98}
