"""`ogi-check desk …` (init, roster import, user add, token, serve, demo) and `ogi-check annotate`.

Django is imported inside the commands, after `settings.configure` has been given the
database URL: the rest of ogi-check never pays for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

_db = click.option(
    "--db",
    envvar="OGI_DESK_DB",
    default="ogi-desk.sqlite3",
    show_default=True,
    help="数据库：SQLite 文件路径，或 postgresql://用户:密码@主机/库名",
)
_data = click.option(
    "--data",
    envvar="OGI_DESK_DATA",
    type=click.Path(file_okay=False, path_type=Path),
    help="数据目录（密钥与上传文件；默认在 SQLite 文件旁，或 ./ogi-desk-data）",
)


_lang = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="页面语言（各用户可在页面上切换）/ the pages' language (each user may switch)",
)


def _setup(db: str, data: Path | None, *, migrated: bool = True, lang: str = "zh") -> None:
    try:
        from checker.desk.settings import configure
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise click.ClickException(
            f"审核台需要额外安装：pip install 'ogi-checker[desk]'（{exc}）"
        ) from exc
    configure(db, data, lang=lang)
    if migrated and _pending_migrations():
        raise click.ClickException(
            f"数据库尚未初始化或需要升级：先运行 ogi-check desk init --db {db}"
        )


def _pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@click.group(name="desk")
def desk() -> None:
    """审核台：各机关在线报送年报，政务公开办复核（the office's review desk）.

    \b
    示例 examples:
      ogi-check desk demo
      ogi-check desk init --db desk.sqlite3
      ogi-check desk serve --host 0.0.0.0 --port 8000
    """


@desk.command()
@_db
@_data
def init(db: str, data: Path | None) -> None:
    """创建或升级审核台数据库（迁移）。

    \b
    示例 examples:
      ogi-check desk init --db desk.sqlite3
      ogi-check desk init --db postgresql://desk@localhost/desk
    """
    from checker.desk.settings import configure

    configure(db, data)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    click.echo("审核台数据库已就绪")


@desk.group()
def roster() -> None:
    """报送名单。

    \b
    示例 examples:
      ogi-check desk roster import 名单.csv --year 2023
    """


@roster.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=click.IntRange(1990, 2200), required=True, help="报告年度")
@_db
@_data
def roster_import(file: Path, year: int, db: str, data: Path | None) -> None:
    """导入一个年度的名单（CSV 表头：机关名称,机关类型,上级机关；或同列的 xlsx）。

    \b
    示例 examples:
      ogi-check desk roster import 名单.csv --year 2023 --db desk.sqlite3
    """
    _setup(db, data)
    from checker.desk.roster import RosterError, import_roster

    try:
        added, updated = import_roster(file, year)
    except RosterError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{year}年度名单：新增 {added} 个机关，更新 {updated} 个")


@desk.group()
def user() -> None:
    """账户。

    \b
    示例 examples:
      ogi-check desk user add 王科长 --role office
    """


@user.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(["office", "body"]), required=True)
@click.option("--body", "body_name", default="", help="报送机关账户所属的机关名称")
@_db
@_data
def user_add(name: str, role: str, body_name: str, db: str, data: Path | None) -> None:
    """添加账户；密码从标准输入读取。

    \b
    示例 examples:
      ogi-check desk user add 王科长 --role office
      echo 'S3cret-pass' | ogi-check desk user add 李明 --role body --body 清河县财政局
    """
    if role == "body" and not body_name:
        raise click.UsageError("报送机关账户须给出 --body 机关名称")
    _setup(db, data)
    password = _read_password()
    from checker.desk.accounts import AccountError, add_user

    try:
        add_user(name, role, body_name, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"已添加账户 {name}（{'政务公开办' if role == 'office' else body_name}）")


def _read_password() -> str:
    if sys.stdin.isatty():
        first = click.prompt("密码", hide_input=True, err=True)
        if click.prompt("再次输入", hide_input=True, err=True) != first:
            raise click.ClickException("两次输入的密码不一致")
        return str(first)
    return sys.stdin.readline().rstrip("\r\n")


@desk.command()
@click.argument("name")
@click.option("--revoke", is_flag=True, help="吊销该账户的全部令牌，不发新令牌")
@_db
@_data
def token(name: str, revoke: bool, db: str, data: Path | None) -> None:
    """为账户生成新的接口令牌（只显示这一次），或吊销其令牌。

    \b
    示例 examples:
      ogi-check desk token oa-system
      ogi-check desk token oa-system --revoke
    """
    _setup(db, data)
    from checker.desk.accounts import AccountError, issue_token, revoke_tokens

    try:
        if revoke:
            click.echo(f"已吊销 {revoke_tokens(name)} 个令牌")
        else:
            click.echo(issue_token(name))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc


@desk.command(name="check-db")
@_db
@_data
def check_db(db: str, data: Path | None) -> None:
    """检查数据库与上传文件是否完整一致（崩溃或恢复之后）。

    \b
    示例 examples:
      ogi-check desk check-db --db desk.sqlite3
    """
    _setup(db, data)
    from checker.desk.integrity import problems

    found, versions, unreferenced = problems()
    for problem in found:
        click.echo(problem)
    if found:
        raise SystemExit(1)
    click.echo(
        f"一致：{versions} 个报送版本，文件与问题记录齐全；未引用的文件 {unreferenced} 个（上传中断留下，可删除）"
    )


@desk.command()
@_db
@_data
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--threads", type=int, default=8, show_default=True)
@_lang
def serve(db: str, data: Path | None, host: str, port: int, threads: int, lang: str) -> None:
    """启动审核台（waitress）。

    \b
    示例 examples:
      ogi-check desk serve --db desk.sqlite3 --host 0.0.0.0 --port 8000
      ogi-check desk serve --db desk.sqlite3 --lang en
    """
    _setup(db, data, lang=lang)
    _serve(host, port, threads)


def _serve(host: str, port: int, threads: int) -> None:
    import waitress
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    click.echo(f"审核台：http://{host}:{port}/ （Ctrl+C 停止）", err=True)
    waitress.serve(
        get_wsgi_application(),
        host=host,
        port=port,
        threads=threads,
        # Refused by the server before Django reads it; the form fields need a little more.
        max_request_body_size=settings.DESK_MAX_UPLOAD + 1024 * 1024,
        ident="ogi-desk",
    )


@desk.command()
@click.option(
    "--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
    default=Path("ogi-desk-demo"), show_default=True, help="演示数据目录",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--no-serve", is_flag=True, help="只建演示数据，不启动服务")
@_lang
def demo(folder: Path, host: str, port: int, no_serve: bool, lang: str) -> None:
    """一条命令试用：建一个 SQLite 审核台，含示例名单、账户和报告，然后启动。

    \b
    示例 examples:
      ogi-check desk demo
      ogi-check desk demo --dir /tmp/desk --port 8080 --no-serve
    """
    folder.mkdir(parents=True, exist_ok=True)
    db = str(folder / "desk.sqlite3")
    from checker.desk.settings import configure

    configure(db, folder / "data", lang=lang)
    from checker.desk.demo_data import build

    for line in build():
        click.echo(line)
    if not no_serve:
        _serve(host, port, 8)


@click.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def annotate(report: Path, output: Path | None, lang: str) -> None:
    """把检查发现写成 Word 批注（report.docx → report-批注.docx；原文件不变）。

    \b
    示例 examples:
      ogi-check annotate 年报.docx
      ogi-check annotate 年报.docx -o 年报-批注.docx --lang en
    """
    if report.suffix.lower() != ".docx":
        raise click.UsageError(f"{report}：批注只能写入 Word（.docx）文件")
    target = output or report.with_name(f"{report.stem}-批注.docx")
    from checker.desk.annotate import annotate_path

    try:
        count = annotate_path(report, target, lang)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{target}：{count} 条批注")
