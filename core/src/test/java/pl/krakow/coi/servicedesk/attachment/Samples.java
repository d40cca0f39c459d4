package pl.krakow.coi.servicedesk.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files of known types, made in the test, for the type detection and the API tests. */
final class Samples {

    private Samples() {}

    /** A valid 1×1 PNG, followed by {@code extra} random bytes (PNG readers stop at IEND). */
    static byte[] png(int extra) {
        byte[] header = java.util.HexFormat.of()
                .parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                        + "0000000d4944415478da63f8cfc0f01f0005000201a0e6d4e40000000049454e44ae426082");
        byte[] tail = random(extra, 7);
        byte[] all = new byte[header.length + tail.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(tail, 0, all, header.length, tail.length);
        return all;
    }

    /** The start of a 64-bit Linux ELF executable. */
    static byte[] elf() {
        byte[] b = new byte[256];
        byte[] ident = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, b, 0, ident.length);
        b[16] = 2; // ET_EXEC
        b[18] = 0x3e; // x86-64
        b[20] = 1;
        return b;
    }

    /** The start of a Windows PE executable: the DOS stub's MZ, and the PE header it points to. */
    static byte[] pe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, b, 0x4e, stub.length);
        return b;
    }

    static byte[] shellScript() {
        return "#!/bin/sh\nrm -rf / --no-preserve-root\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** A Word document with macros: the content types of a docm and a VBA project. */
    static byte[] docm() {
        return zip(
                "[Content_Types].xml",
                ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                                + "<Override PartName=\"/word/document.xml\""
                                + " ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>")
                        .getBytes(StandardCharsets.UTF_8),
                "word/document.xml",
                "<w:document/>".getBytes(StandardCharsets.UTF_8),
                "word/vbaProject.bin",
                random(300, 3));
    }

    /** A Word document without macros. */
    static byte[] docx() {
        return zip(
                "[Content_Types].xml",
                ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                                + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
                        .getBytes(StandardCharsets.UTF_8),
                "word/document.xml",
                "<w:document/>".getBytes(StandardCharsets.UTF_8));
    }

    static byte[] jar() {
        return zip(
                "META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nMain-Class: Evil\n".getBytes(StandardCharsets.UTF_8),
                "Evil.class",
                new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61});
    }

    /**
     * A zip bomb: one entry of {@code inflatedMegabytes} MiB of zeros, deflated to about a thousandth of that, so
     * that anything inflating it whole runs out of memory or time.
     */
    static byte[] zipBomb(int inflatedMegabytes) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.setLevel(Deflater.BEST_COMPRESSION);
                zip.putNextEntry(new ZipEntry("zeros.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < inflatedMegabytes; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] zip(Object... entries) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (int i = 0; i < entries.length; i += 2) {
                    ZipEntry entry = new ZipEntry((String) entries[i]);
                    byte[] data = (byte[]) entries[i + 1];
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    zip.putNextEntry(entry);
                    zip.write(data);
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
