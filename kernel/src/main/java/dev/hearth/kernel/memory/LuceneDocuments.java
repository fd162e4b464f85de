package dev.hearth.kernel.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the embedded store as a Lucene document and back: the id, the HNSW vector (and its
 * bytes, to read it back), the text for BM25, the metadata as JSON and per key for filters, and the
 * words of the title, aliases, heading and description in a field of their own.
 */
final class LuceneDocuments {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String TEXT = "text";
    static final String FIELDS = "fields";
    private static final String VECTOR_BYTES = "vector_bytes";
    private static final String META = "meta";
    /** Metadata whose words are searched beside the text: what the note and the section are called and about. */
    private static final Set<String> FIELD_KEYS = Set.of("title", "aliases", "heading", "description",
            "summary", "properties", "tags");

    private LuceneDocuments() {
    }

    /**
     * The document for one entry.
     *
     * @throws IllegalArgumentException when the vector is not {@code dimension} long or the metadata cannot be stored
     */
    static Document of(String id, Embedding embedding, TextSegment segment, int dimension) {
        float[] vector = embedding.vector();
        if (vector.length != dimension) {
            throw new IllegalArgumentException("This collection holds " + dimension + "-dimensional vectors, not "
                    + vector.length);
        }
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES);
        bytes.asFloatBuffer().put(vector);
        doc.add(new StoredField(VECTOR_BYTES, bytes.array()));
        if (segment != null) {
            doc.add(new TextField(TEXT, segment.text(), Field.Store.YES));
            Map<String, Object> meta = segment.metadata().toMap();
            try {
                doc.add(new StoredField(META, StoredMetadata.toJson(meta)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("metadata cannot be stored: " + e.getMessage(), e);
            }
            StringBuilder fields = new StringBuilder();
            meta.forEach((key, value) -> {
                String v = String.valueOf(value);
                for (String term : LuceneFilters.terms(key, v)) {
                    doc.add(new StringField(LuceneEmbeddingStore.FIELD_PREFIX + key, term, Field.Store.NO));
                }
                if (FIELD_KEYS.contains(key)) {
                    fields.append(v.replace('/', ' ')).append('\n');
                }
            });
            if (fields.length() > 0) {
                doc.add(new TextField(FIELDS, fields.toString(), Field.Store.NO));
            }
        }
        return doc;
    }

    /** The entry a stored document holds, with {@code score}. */
    static EmbeddingMatch<TextSegment> match(Document doc, double score) throws IOException {
        BytesRef raw = doc.getBinaryValue(VECTOR_BYTES);
        float[] vector = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw.bytes, raw.offset, raw.length).asFloatBuffer().get(vector);
        String text = doc.get(TEXT);
        TextSegment segment = null;
        if (text != null) {
            String meta = doc.get(META);
            segment = TextSegment.from(text, meta == null ? new Metadata() : StoredMetadata.fromJson(meta));
        }
        return new EmbeddingMatch<>(score, doc.get(ID), Embedding.from(vector), segment);
    }
}
