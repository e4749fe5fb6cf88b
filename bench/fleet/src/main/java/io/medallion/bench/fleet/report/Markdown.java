package io.medallion.bench.fleet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds a Markdown document: headings, paragraphs, tables, images, code blocks. */
public final class Markdown {

    private final StringBuilder text = new StringBuilder();

    public Markdown heading(int level, String title) {
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
        return this;
    }

    public Markdown paragraph(String line) {
        text.append(line).append("\n\n");
        return this;
    }

    public Markdown bullets(List<String> items) {
        items.forEach(i -> text.append("- ").append(i).append('\n'));
        text.append('\n');
        return this;
    }

    /** A table; cells are escaped ({@code |} would end a cell). */
    public Markdown table(List<String> headers, List<List<String>> rows) {
        text.append('|');
        headers.forEach(h -> text.append(' ').append(escape(h)).append(" |"));
        text.append("\n|");
        headers.forEach(h -> text.append("---|"));
        text.append('\n');
        for (List<String> row : rows) {
            text.append('|');
            row.forEach(c -> text.append(' ').append(escape(c)).append(" |"));
            text.append('\n');
        }
        text.append('\n');
        return this;
    }

    public Markdown image(String alt, String file) {
        text.append("![").append(alt).append("](").append(file).append(")\n\n");
        return this;
    }

    public Markdown code(String block) {
        text.append("```\n").append(block.endsWith("\n") ? block : block + "\n").append("```\n\n");
        return this;
    }

    static String escape(String cell) {
        return cell == null ? "" : cell.replace("|", "\\|").replace("\n", " ");
    }

    public String render() {
        return text.toString();
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
