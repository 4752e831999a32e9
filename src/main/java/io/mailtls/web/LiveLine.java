package io.mailtls.web;

import io.mailtls.smtp.TranscriptLine;

/**
 * A transcript line as the live view streams it.
 *
 * @param seq      its position in the check's stream, from 0
 * @param endpoint the endpoint ({@code address:port}) that said it
 * @param line     the line
 */
public record LiveLine(int seq, String endpoint, TranscriptLine line) {
}
