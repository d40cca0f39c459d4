package pl.krakow.coi.servicedesk.ingest.agent;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent message as a tree with lower-case names, the same for the FusionInventory XML
 * ({@code <REQUEST><CONTENT><BIOS><SSN>}) and the GLPI agent's JSON ({@code content.bios.ssn}).
 */
final class InventoryTree {

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private final String text;
    private final Map<String, List<InventoryTree>> children = new LinkedHashMap<>();

    private InventoryTree(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The first child of that name (an empty node when absent). */
    InventoryTree get(String name) {
        List<InventoryTree> all = children.get(name);
        return all == null || all.isEmpty() ? new InventoryTree(null) : all.get(0);
    }

    List<InventoryTree> all(String name) {
        return children.getOrDefault(name, List.of());
    }

    /** The text of a path of children, stripped; null when absent or empty. */
    String value(String... path) {
        InventoryTree node = this;
        for (String name : path) {
            node = node.get(name);
        }
        return node.text == null || node.text.isBlank() ? null : node.text.strip();
    }

    static InventoryTree xml(byte[] content) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(content));
            Deque<InventoryTree> stack = new ArrayDeque<>();
            Deque<StringBuilder> texts = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            InventoryTree root = new InventoryTree(null);
            stack.push(root);
            texts.push(new StringBuilder());
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    names.push(reader.getLocalName().toLowerCase(Locale.ROOT));
                    stack.push(new InventoryTree(null));
                    texts.push(new StringBuilder());
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    texts.peek().append(reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    InventoryTree element = stack.pop();
                    String body = texts.pop().toString();
                    InventoryTree done = new InventoryTree(element.children.isEmpty() ? body : null);
                    done.children.putAll(element.children);
                    stack.peek()
                            .children
                            .computeIfAbsent(names.pop(), n -> new ArrayList<>())
                            .add(done);
                }
            }
            return root;
        } catch (XMLStreamException e) {
            throw AgentPayloads.malformed("not well-formed XML (" + e.getMessage() + ")");
        }
    }

    static InventoryTree json(byte[] content, JsonMapper mapper) {
        try {
            return of(mapper.readTree(content));
        } catch (JacksonException e) {
            throw AgentPayloads.malformed("not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static InventoryTree of(JsonNode node) {
        if (node.isObject()) {
            InventoryTree tree = new InventoryTree(null);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey().toLowerCase(Locale.ROOT);
                List<InventoryTree> list = tree.children.computeIfAbsent(name, n -> new ArrayList<>());
                if (field.getValue().isArray()) {
                    field.getValue().forEach(item -> list.add(of(item)));
                } else {
                    list.add(of(field.getValue()));
                }
            }
            return tree;
        }
        return new InventoryTree(node.isNull() ? null : node.asString());
    }
}
