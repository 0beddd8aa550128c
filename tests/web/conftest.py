"""The web app's fixtures: a workspace holding the demo project (imported once, its forecast kept,
copied per test), the app in single-user and team mode, and logins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pmo import api
from pmo.config import load_settings
from pmo.web import create_app
from web_support import ACCOUNTS, DEMO, KEY, PASSWORD


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web-demo")
    api.init_workspace(folder)
    shutil.copytree(DEMO, folder / "data")
    settings = load_settings(folder)
    with api.workspace_store(settings) as store:
        api.import_paths(store, [folder / "data"])
        for user, role in ACCOUNTS.items():
            api.add_user(store, user, PASSWORD)
            if role:
                api.grant_role(store, user, KEY, role)
    api.review_workspace(settings)  # the Monte Carlo forecast, kept for every copy
    return folder


@pytest.fixture
def workspace(demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(demo_template, folder)
    return folder


@pytest.fixture
def single(workspace: Path) -> TestClient:
    with TestClient(create_app(workspace, single_user=True)) as client:
        yield client


@pytest.fixture
def team(workspace: Path) -> TestClient:
    with TestClient(create_app(workspace, single_user=False)) as client:
        yield client
