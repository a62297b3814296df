"""The batch NLU command the measuring tools run."""

from genoptraening.rasa_ext.nlu import main


def test_without_a_model_it_says_how_to_use_it(capsys):
    assert main([]) == 2
    assert "Brug:" in capsys.readouterr().err
