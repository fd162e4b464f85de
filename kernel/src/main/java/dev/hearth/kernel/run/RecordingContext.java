package dev.hearth.kernel.run;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CancellableCellContext;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.StdinNotAllowedException;
import dev.hearth.kernel.cell.StreamName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cell's output collected as nbformat 4 outputs, the way a front end would keep it: stream text
 * merged, updated displays replaced in place, {@code clear_output} honoured. Headless runs have no
 * one to ask for input, so {@link #input} is refused.
 */
final class RecordingContext extends CancellableCellContext {

    private final List<Map<String, Object>> outputs = new ArrayList<>();
    private final Map<String, List<Integer>> displays = new LinkedHashMap<>();
    private boolean clearOnNextOutput;

    @Override
    public synchronized void stream(StreamName stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        beforeOutput();
        if (!outputs.isEmpty()) {
            Map<String, Object> last = outputs.get(outputs.size() - 1);
            if ("stream".equals(last.get("output_type")) && stream.wireName().equals(last.get("name"))) {
                last.put("text", last.get("text") + text);
                return;
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("output_type", "stream");
        output.put("name", stream.wireName());
        output.put("text", text);
        outputs.add(output);
    }

    @Override
    public synchronized DisplayHandle display(MimeBundle bundle) {
        beforeOutput();
        DisplayHandle handle = new DisplayHandle(UUID.randomUUID().toString());
        displays.computeIfAbsent(handle.id(), id -> new ArrayList<>()).add(outputs.size());
        outputs.add(displayData(bundle));
        return handle;
    }

    @Override
    public synchronized void update(DisplayHandle handle, MimeBundle bundle) {
        for (int index : displays.getOrDefault(handle.id(), List.of())) {
            if (index < outputs.size()) {
                outputs.set(index, displayData(bundle));
            }
        }
    }

    private static Map<String, Object> displayData(MimeBundle bundle) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("output_type", "display_data");
        output.put("data", bundle.data());
        output.put("metadata", bundle.metadata());
        return output;
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearOnNextOutput = true;
        } else {
            clear();
        }
    }

    private void beforeOutput() {
        if (clearOnNextOutput) {
            clearOnNextOutput = false;
            clear();
        }
    }

    private void clear() {
        outputs.clear();
        displays.clear();
    }

    /** Adds a finished output (execute_result or error) at the end. */
    synchronized void add(Map<String, Object> output) {
        beforeOutput();
        outputs.add(output);
    }

    @Override
    public String input(String prompt, boolean password) {
        throw new StdinNotAllowedException();
    }


    /** The outputs so far, in nbformat 4 form. */
    synchronized List<Map<String, Object>> outputs() {
        return new ArrayList<>(outputs);
    }
}
