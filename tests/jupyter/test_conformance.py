"""Debian's jupyter_kernel_test suite against the installed 'hearth' kernelspec.

Every optional sample is set so that no test of the suite is skipped.
"""
import unittest

import jupyter_kernel_test


class HearthKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "hearth"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Integer.toHexStr", "matches": {"toHexString("}},
        {"text": "%lsmag", "matches": {"%lsmagic"}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "void greet() { }", "%lsmagic", "String?"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int twice(int v) {", "%%time"]
    invalid_code_samples = ["int x = 1; }", "1 + 1)"]

    code_page_something = "String?"
    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": 'html("<b>bold</b>")', "mime": "text/html", "result": "<b>bold</b>"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>hi</b>"));', "mime": "text/html"},
        {"code": 'display(markdown("*hi*"));', "mime": "text/markdown"},
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
