"""install-kernel.sh as a newcomer runs it: with and without the jupyter command, each target,
uninstall, and the messages when Java is missing."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = str(ROOT / "install-kernel.sh")


# A stand-in for the user's home, holding an installed Hearth (kernelspec and launcher) that no test
# may touch. Every run of the installer sees it as HOME and as Python's user base (jupyter searches
# ~/.local/share/jupyter even when JUPYTER_DATA_DIR is set), so nothing reaches the real home.
USER_HOME = Path(tempfile.mkdtemp(prefix="hearth-user-home-"))
USER_KERNEL = USER_HOME / ".local" / "share" / "jupyter" / "kernels" / "hearth"
USER_LAUNCHER = USER_HOME / ".local" / "bin" / "hearth"
REAL_INSTALL = [Path.home() / ".local" / "share" / "jupyter" / "kernels" / "hearth",
                Path.home() / ".local" / "bin" / "hearth"]


def snapshot(*roots):
    """Every file under the roots with its bytes and mode (missing roots included as missing)."""
    files = {}
    for root in roots:
        root = Path(root)
        if not root.exists() and not root.is_symlink():
            files[str(root)] = None
            continue
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file():
                files[str(path)] = (path.read_bytes(), path.stat().st_mode)
    return files


def setUpModule():
    USER_KERNEL.mkdir(parents=True)
    (USER_KERNEL / "kernel.json").write_text(json.dumps(
        {"argv": [str(USER_KERNEL / "hearth-kernel"), "{connection_file}"], "display_name": "Hearth (mine)",
         "language": "java"}))
    (USER_KERNEL / "hearth-kernel.jar").write_bytes(b"the user's own build")
    USER_LAUNCHER.parent.mkdir(parents=True)
    USER_LAUNCHER.write_text("#!/bin/sh\nexec java -jar " + str(USER_KERNEL / "hearth-kernel.jar") + "\n")
    global BEFORE, REAL_BEFORE
    BEFORE = snapshot(USER_KERNEL, USER_LAUNCHER)
    REAL_BEFORE = snapshot(*REAL_INSTALL)


def tearDownModule():
    try:
        if snapshot(*REAL_INSTALL) != REAL_BEFORE:
            raise AssertionError("the installer tests changed the real user's Hearth install: " + str(REAL_INSTALL))
    finally:
        shutil.rmtree(USER_HOME, ignore_errors=True)


def run(args, env_extra=None, path=None):
    env = dict(os.environ)
    env.update(HOME=str(USER_HOME), PYTHONUSERBASE=str(USER_HOME / ".local"))
    env.pop("XDG_DATA_HOME", None)
    env.update(env_extra or {})
    if path is not None:
        env["PATH"] = path
    return subprocess.run(["bash", SCRIPT] + args, capture_output=True, text=True, env=env, timeout=300)


def tool_dir(tmp, *tools):
    """A PATH directory holding only the named tools (links to the real ones)."""
    bin_dir = Path(tmp) / "only-bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("bash", "sh", "dirname", "mktemp", "rm", "mkdir", "cp", "cat", "chmod", "sed", "uname",
                 "grep", "head", "env", "id") + tools:
        real = shutil.which(tool, path="/usr/bin:/bin")
        if real and not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(real)
    return str(bin_dir)


class InstallKernel(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.env = {"JUPYTER_DATA_DIR": self.tmp + "/data", "HEARTH_BIN_DIR": self.tmp + "/bin",
                    "JUPYTER_CONFIG_DIR": self.tmp + "/config"}

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def spec(self, kernels_dir):
        return json.loads((Path(kernels_dir) / "hearth" / "kernel.json").read_text())

    def test_prefix_install_writes_a_runnable_kernelspec_and_uninstall_removes_it(self):
        prefix = self.tmp + "/prefix"
        result = run(["--prefix", prefix], self.env)
        self.assertEqual(result.returncode, 0, result.stderr)
        kernels = prefix + "/share/jupyter/kernels"
        spec = self.spec(kernels)
        self.assertEqual(spec["display_name"], "Hearth (Java AI shell)")
        self.assertEqual(spec["language"], "java")
        self.assertEqual(spec["interrupt_mode"], "message")
        launcher = Path(spec["argv"][0])
        self.assertTrue(launcher.is_file() and os.access(launcher, os.X_OK), launcher)
        self.assertEqual(spec["argv"][1], "{connection_file}")
        self.assertIn("HEARTH_JVM_OPTS", launcher.read_text())
        self.assertTrue((Path(prefix) / "bin" / "hearth").is_file())
        result = run(["--prefix", prefix, "--uninstall"], self.env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse((Path(kernels) / "hearth").exists())

    def test_without_jupyter_the_user_kernelspec_is_written_directly(self):
        path = tool_dir(self.tmp, "java", "mvn")
        result = run(["--user"], self.env, path=path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("no jupyter command found", result.stderr)
        spec = self.spec(self.env["JUPYTER_DATA_DIR"] + "/kernels")
        self.assertTrue(spec["argv"][0].startswith(self.env["JUPYTER_DATA_DIR"]))

    def test_with_jupyter_the_kernelspec_is_listed(self):
        env = dict(self.env, PATH="/usr/bin:" + os.environ.get("PATH", ""))
        result = run([], env)
        self.assertEqual(result.returncode, 0, result.stderr)
        listed = subprocess.run(["/usr/bin/python3", "-m", "jupyter", "kernelspec", "list", "--json"],
                                capture_output=True, text=True, env=dict(os.environ, **env))
        self.assertIn("hearth", json.loads(listed.stdout)["kernelspecs"])

    def test_missing_java_says_what_to_install(self):
        path = tool_dir(self.tmp)
        env = dict(self.env)
        env.pop("JAVA_HOME", None)
        result = run([], dict(env, JAVA_HOME=""), path=path)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Java 17 or newer is missing", result.stderr)

    def test_the_users_install_is_byte_identical_after_every_install_and_uninstall(self):
        prefix = self.tmp + "/prefix"
        with_jupyter = dict(self.env, PATH="/usr/bin:" + os.environ.get("PATH", ""))
        for args in (["--prefix", prefix], ["--prefix", prefix, "--uninstall"], ["--user"], ["--user", "--uninstall"]):
            result = run(args, with_jupyter)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(snapshot(USER_KERNEL, USER_LAUNCHER), BEFORE,
                             "install-kernel.sh " + " ".join(args) + " touched the user's install")
        self.assertFalse((Path(prefix) / "share/jupyter/kernels/hearth").exists())
        self.assertFalse((Path(self.env["JUPYTER_DATA_DIR"]) / "kernels/hearth").exists(), "--user --uninstall")

    def test_the_kernelspec_ships_logos(self):
        result = run(["--prefix", self.tmp + "/prefix"], self.env)
        self.assertEqual(result.returncode, 0, result.stderr)
        spec = Path(self.tmp) / "prefix/share/jupyter/kernels/hearth"
        self.assertEqual((spec / "logo-32x32.png").read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual((spec / "logo-64x64.png").read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertIn("<svg", (spec / "logo-svg.svg").read_text())

    def test_output_has_no_escape_codes_when_not_a_terminal(self):
        path = tool_dir(self.tmp, "java")
        fake_mvn = Path(path) / "mvn"
        fake_mvn.write_text("#!/bin/sh\nprintf '\\033[0m\\033[0m[INFO] built\\033[0m\\n'\n")
        fake_mvn.chmod(0o755)
        result = run(["--prefix", self.tmp + "/prefix", "--rebuild"], self.env, path=path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("[INFO] built", result.stderr)
        self.assertNotIn("\x1b", result.stderr)

    def test_unknown_option_is_named(self):
        result = run(["--frobnicate"], self.env)
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown option --frobnicate", result.stderr)


if __name__ == "__main__":
    unittest.main()
