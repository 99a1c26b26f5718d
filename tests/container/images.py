"""Build Clinic Desk's container image with buildah, without a registry or a container daemon.

The base image is made from Debian packages by mmdebstrap (bookworm with python3 and
python3-venv, the same interpreter as `python:3.11-slim` would bring) and imported into
buildah's storage; the repository's Dockerfile is then built on it through `BASE_IMAGE`.
Builds use chroot isolation and the host's network, as a CI machine without a daemon allows.

The base's tarball is kept in CLINIC_DESK_CACHE (default ~/.cache/clinic-desk) and rebuilt
when it is older than a week, so repeated runs skip mmdebstrap but still pick up Debian's
security updates. Certificate authorities the host added in /usr/local/share/ca-certificates
(a TLS-inspecting proxy in front of PyPI) are copied into the base, so pip in the build
trusts what the host trusts; on a machine without any, nothing is added.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from tests.conftest import REPO

ISOLATION = ("--isolation", "chroot")
SUITE = "bookworm"
MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
SECURITY_MIRROR = os.environ.get("DEBIAN_SECURITY_MIRROR", "http://deb.debian.org/debian-security")
PACKAGES = ("python3", "python3-venv", "ca-certificates")
HOST_AUTHORITIES = Path("/usr/local/share/ca-certificates")
MAX_AGE_SECONDS = 7 * 24 * 3600
BASE_REPOSITORY = "localhost/clinic-desk-base"
IMAGE = "localhost/clinic-desk:container-test"


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "clinic-desk"
    path = Path(os.environ.get("CLINIC_DESK_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def run(*command: str, **options) -> subprocess.CompletedProcess:
    """Run a command, raising with its output when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, **options)
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(command)} exited with {result.returncode}:\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


def mmdebstrap_command(tarball: Path) -> list[str]:
    # Documentation, manual pages and translations are left out of the base (copyright kept).
    excludes = [
        "path-exclude=/usr/share/doc/*",
        "path-include=/usr/share/doc/*/copyright",
        "path-exclude=/usr/share/man/*",
        "path-exclude=/usr/share/info/*",
        "path-exclude=/usr/share/locale/*",
    ]
    return [
        "mmdebstrap",
        "--quiet",
        "--mode=root",
        "--variant=minbase",
        "--include=" + ",".join(PACKAGES),
        *(f"--dpkgopt={rule}" for rule in excludes),
        f"--customize-hook=copy-in {HOST_AUTHORITIES} /usr/local/share",
        '--customize-hook=chroot "$1" update-ca-certificates',
        SUITE,
        str(tarball),
        f"deb {MIRROR} {SUITE} main",
        f"deb {MIRROR} {SUITE}-updates main",
        f"deb {SECURITY_MIRROR} {SUITE}-security main",
    ]


def base_key() -> str:
    """What the base depends on: the mmdebstrap command and the host's added authorities."""
    digest = hashlib.sha256(json.dumps(mmdebstrap_command(Path("base.tar"))).encode())
    if HOST_AUTHORITIES.is_dir():
        for path in sorted(HOST_AUTHORITIES.rglob("*.crt")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def image_exists(name: str) -> bool:
    return (
        subprocess.run(
            ["buildah", "inspect", "--type", "image", name], capture_output=True
        ).returncode
        == 0
    )


def base_image() -> str:
    """The base image's name in buildah's storage, making (or refreshing) it when needed."""
    key = base_key()
    name = f"{BASE_REPOSITORY}:{SUITE}-{key}"
    tarball = cache_dir() / f"base-{SUITE}-{key}.tar"
    fresh = tarball.exists() and time.time() - tarball.stat().st_mtime < MAX_AGE_SECONDS
    if fresh and image_exists(name):
        return name
    if not fresh:
        HOST_AUTHORITIES.mkdir(parents=True, exist_ok=True)
        partial = tarball.with_suffix(".partial.tar")
        run(*mmdebstrap_command(partial))
        partial.replace(tarball)
    # A tarball of a root file system becomes an image: ADD unpacks it onto scratch.
    container = run("buildah", "from", "scratch").stdout.strip()
    try:
        run("buildah", "add", container, str(tarball), "/")
        run(
            "buildah", "config",
            "--env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "--env", "LANG=C.UTF-8",
            # pip (inside the build) reads the system's bundle, with the host's authorities.
            "--env", "PIP_CERT=/etc/ssl/certs/ca-certificates.crt",
            "--cmd", "python3",
            container,
        )  # fmt: skip
        run("buildah", "commit", "--rm", container, name)
    except BaseException:
        subprocess.run(["buildah", "rm", container], capture_output=True)
        raise
    return name


def build_image(base: str, tag: str = IMAGE) -> float:
    """Build the repository's Dockerfile on `base`; returns the seconds it took.

    `--format docker` keeps HEALTHCHECK (the OCI format has no field for it); `--layers`
    keeps the dependency layer for the next build while pyproject.toml is unchanged."""
    started = time.monotonic()
    run(
        "buildah", "build", *ISOLATION, "--network", "host", "--format", "docker", "--layers",
        "--build-arg", f"BASE_IMAGE={base}", "--tag", tag, "--file", "Dockerfile", ".",
        cwd=REPO,
    )  # fmt: skip
    return time.monotonic() - started


def image_config(name: str) -> dict:
    """The image's Docker configuration (User, Env, Entrypoint, Cmd, Healthcheck...)."""
    return json.loads(run("buildah", "inspect", "--type", "image", name).stdout)["Docker"]["config"]


def image_megabytes(name: str) -> float:
    """The image's unpacked size in MB, as `buildah images` reports it ("505 MB")."""
    size = json.loads(run("buildah", "images", "--json", name).stdout)[0]["size"]
    number, unit = size.split()
    return float(number) * {"kB": 0.001, "MB": 1.0, "GB": 1000.0}[unit]


def tools_missing() -> list[str]:
    return [tool for tool in ("buildah", "mmdebstrap") if shutil.which(tool) is None]
