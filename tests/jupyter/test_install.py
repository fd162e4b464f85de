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


def run(args, env_extra=None, path=None):
    env = dict(os.environ)
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

    def test_unknown_option_is_named(self):
        result = run(["--frobnicate"], self.env)
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown option --frobnicate", result.stderr)


if __name__ == "__main__":
    unittest.main()
