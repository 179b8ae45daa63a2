"""`flask moderation check`: one JSON verdict per non-blank line of standard input."""

import json

from flask import Flask

from forum import create_app
from forum.moderation import RuleSet, WordRule, cli


def make_app(**kwargs) -> Flask:
    app = Flask(__name__)
    cli.init_app(app, **kwargs)
    return app


def test_check_prints_one_json_line_per_post():
    result = make_app().test_cli_runner().invoke(args=["moderation", "check"], input="đm\n\n  \ncác bạn ơi\n")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "action": "block",
            "reasons": ["profanity"],
            "spans": [{"start": 0, "end": 2, "reason": "profanity", "text": "đm"}],
        },
        {"action": "allow", "reasons": [], "spans": []},
    ]
    assert "đm" in lines[0]


def test_check_uses_the_rules_it_is_given():
    app = make_app(rules=lambda: RuleSet.from_rules([WordRule("táo", "custom", "hold")]))
    result = app.test_cli_runner().invoke(args=["moderation", "check"], input="quả táo\nđm\n")
    assert [json.loads(line)["action"] for line in result.output.splitlines()] == ["hold", "allow"]


def test_an_unmigrated_database_gets_a_clear_message(tmp_path):
    app = create_app(
        {"ENVIRONMENT": "test", "SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/empty.db"}
    )
    result = app.test_cli_runner().invoke(args=["moderation", "check"], input="quả táo\n")
    assert result.exit_code == 1
    assert "flask --app forum db upgrade" in result.output
    assert "Traceback" not in result.output
