package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/** What one scenario found: tables and notes for people, charts, and a JSON object for machines. */
final class Section {

    final String id;
    final String title;
    final List<Table> tables = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Chart.Saved> charts = new ArrayList<>();
    final JsonObjectBuilder json = Json.createObjectBuilder();

    Section(String id, String title) {
        this.id = id;
        this.title = title;
    }

    Table table(String caption, String... columns) {
        Table table = new Table(caption, List.of(columns), new ArrayList<>());
        tables.add(table);
        return table;
    }

    void note(String text) {
        notes.add(text);
    }

    record Table(String caption, List<String> columns, List<List<String>> rows) {

        void row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object cell : cells) {
                row.add(String.valueOf(cell));
            }
            rows.add(row);
        }

        String asText() {
            int[] width = new int[columns.size()];
            for (int i = 0; i < width.length; i++) {
                width[i] = columns.get(i).length();
                for (List<String> row : rows) {
                    width[i] = Math.max(width[i], i < row.size() ? row.get(i).length() : 0);
                }
            }
            StringBuilder sb = new StringBuilder();
            if (!caption.isEmpty()) {
                sb.append(caption).append('\n');
            }
            appendLine(sb, columns, width);
            for (List<String> row : rows) {
                appendLine(sb, row, width);
            }
            return sb.toString();
        }

        private static void appendLine(StringBuilder sb, List<String> cells, int[] width) {
            sb.append("  ");
            for (int i = 0; i < width.length; i++) {
                String cell = i < cells.size() ? cells.get(i) : "";
                sb.append(i == 0 ? pad(cell, width[i]) : padLeft(cell, width[i]));
                sb.append(i + 1 < width.length ? "  " : "");
            }
            sb.append('\n');
        }

        String asMarkdown() {
            StringBuilder sb = new StringBuilder();
            if (!caption.isEmpty()) {
                sb.append(caption).append("\n\n");
            }
            sb.append("| ").append(String.join(" | ", columns)).append(" |\n|");
            for (int i = 0; i < columns.size(); i++) {
                sb.append(i == 0 ? "---|" : "---:|");
            }
            sb.append('\n');
            for (List<String> row : rows) {
                sb.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            return sb.toString();
        }

        private static String pad(String s, int width) {
            return s + " ".repeat(Math.max(0, width - s.length()));
        }

        private static String padLeft(String s, int width) {
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
