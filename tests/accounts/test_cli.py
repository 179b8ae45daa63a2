import sqlalchemy as sa

from forum.accounts.models import AccessCard, Role, User
from forum.extensions import db


def test_create_user_prompts_for_the_password(app, runner, world):
    result = runner.invoke(
        args=["create-user", "--role", "policy", "mai.vu"], input="a-long-password\na-long-password\n"
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert (
        client.post("/accounts/sign-in", data={"username": "mai.vu", "password": "a-long-password"}).status_code == 302
    )


def test_create_teacher_needs_a_school(app, runner, world):
    result = runner.invoke(
        args=["create-user", "--role", "teacher", "thu.ha"], input="a-long-password\na-long-password\n"
    )
    assert result.exit_code != 0 and "--school-id" in result.output
    result = runner.invoke(
        args=["create-user", "--role", "teacher", "--school-id", str(world.school_id), "thu.ha"],
        input="a-long-password\na-long-password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.execute(sa.select(User).where(User.username == "thu.ha")).scalar_one()
        assert user.role is Role.TEACHER and user.school_id == world.school_id


def test_create_user_refuses_bad_input(runner, world):
    assert (
        "already in use"
        in runner.invoke(
            args=["create-user", "--role", "admin", "admin"], input="a-long-password\na-long-password\n"
        ).output
    )
    assert (
        "at least 10" in runner.invoke(args=["create-user", "--role", "admin", "boss"], input="short\nshort\n").output
    )
    assert runner.invoke(args=["create-user", "--role", "child", "kid"], input="x\nx\n").exit_code != 0
    assert (
        "No school"
        in runner.invoke(
            args=["create-user", "--role", "teacher", "--school-id", "9999", "t9"],
            input="a-long-password\na-long-password\n",
        ).output
    )


def test_erase_child(app, runner, world):
    result = runner.invoke(args=["erase-child", world.child.pseudonym, "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(User, world.child.id) is None
        assert db.session.execute(sa.select(AccessCard).where(AccessCard.child_id == world.child.id)).first() is None


def test_erase_child_unknown(runner, world):
    result = runner.invoke(args=["erase-child", "Nobody 00", "--yes"])
    assert result.exit_code != 0 and "No child" in result.output
