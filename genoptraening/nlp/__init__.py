"""Danish language processing for Rasa: the spaCy pipeline and its Rasa component."""
