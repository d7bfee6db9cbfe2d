/**
 * {@code POST /api/imports/telegram}: Telegram Desktop exports into {@code posts.raw} (DESIGN §7, issue 4).
 *
 * <h2>Input</h2>
 * The {@code result.json} of Telegram Desktop's export, format "Machine-readable JSON", {@code Content-Type:
 * application/json} (UTF-8), either of:
 * <ul>
 *   <li>one chat ("Export chat history"): {@code {"name", "type", "id", "messages": [...]}}; its messages are imported
 *       whatever the chat type;</li>
 *   <li>the whole account ("Export Telegram data"): {@code {"chats": {"list": [{chat}, ...]}, ...}}; the messages of
 *       every channel ({@code public_channel}, {@code private_channel}) of {@code chats.list} are imported; other chats
 *       (personal, groups, bots, saved messages) are counted as skipped, and {@code left_chats} and every other
 *       section are ignored.</li>
 * </ul>
 *
 * <h2>Sources and postIds</h2>
 * {@code ?source=SLUG} names the chat of a one-chat export; without it the source is derived from the chat name
 * (lower-case ASCII, runs of other characters → {@code -}, accents dropped: {@code "Café News"} → {@code cafe-news}),
 * or is {@code tg-<chat id>} when the name has non-ASCII letters (Cyrillic, Greek, ...) or none. In a full-account
 * export every channel's source is derived that way and {@code source}, if given, is a prefix:
 * {@code <source>-<slug>}; channels deriving the same slug each get {@code -<chat id>} appended. A post's id is
 * {@code <source>:<message id>}, so importing the same export again, or a later export of the same channel, gives the
 * same postIds; an edited message becomes a new revision of its post downstream.
 *
 * <h2>Messages → posts</h2>
 * See {@link newsfeed.ingest.telegram.TelegramMessage}, {@link newsfeed.ingest.telegram.TelegramPostMapper}:
 * {@code type: "message"} only (service messages and other types are skipped and counted); text from
 * {@code text_entities} when it holds an entity, else {@code text} (a string or a mixed array of strings and entity
 * objects), visible text only; {@code text_link} hrefs and {@code link} URLs go to {@code links} (the
 * {@code RawPost.ATTR_LINKS} attribute), never into the text; {@code publishedAt} from {@code date_unixtime}, else
 * {@code date} read as UTC (the export writes {@code date} in the exporting machine's local time, without zone);
 * {@code forwarded_from} as a first body line {@code Forwarded from X} (the normalizer's {@code forwardedFrom}) and as
 * attribute {@code telegram.forwarded_from}; {@code edited_unixtime} as {@code editedAt}, {@code author} as {@code author}; a {@code poll}'s
 * question and answers as text after the message's own, one per line ({@link newsfeed.ingest.telegram.TelegramPolls}),
 * with {@code media.type} {@code poll}; media-only
 * messages kept with an empty body and {@code media.type} / {@code telegram.media_file} /
 * {@code telegram.mime_type}. Control characters and lone surrogates (an escaped U+D800 alone) are passed on verbatim; the
 * normalizer removes them (and reads those that end a line as line breaks).
 *
 * <h2>Answers</h2>
 * {@code 202 {"accepted": n, "postIds": [...], "skipped": {"service": k, "chat:personal_chat": m, ...},
 * "chats": [{"source", "name", "type", "id", "accepted"}]}} once every post is acknowledged by Kafka (streamed,
 * so a huge export's postIds cost 8 bytes each in memory); {@code 400 {"error", "details"}} with nothing sent for
 * invalid JSON (line, column, byte offset), a document that is not an export, invalid messages (all of them, at most
 * 50 listed, each with JSON path, message id, line, column and byte offset), an invalid {@code source}, or a chat whose
 * source cannot be derived; {@code 413} above {@code newsfeed.telegram.max-body-size}; {@code 415} for another content
 * type or charset; {@code 503} when Kafka does not acknowledge (posts already sent stay; importing again is safe) or
 * the spool directory cannot take the export.
 *
 * <h2>Memory and limits</h2>
 * The body is streamed to a spool file ({@code newsfeed.telegram.spool-dir}), read twice with Jackson's streaming
 * parser (check, then publish in batches of {@code newsfeed.telegram.batch-size} posts / {@code batch-chars}
 * characters), and deleted when the request ends: a 200 MB export imports with {@code -Xmx256m} (e2e
 * {@code TelegramHeapIT}). One message's text is capped at {@code newsfeed.normalizer.max-body-chars}. The body limit
 * of this route is {@code newsfeed.telegram.max-body-size} ({@code NEWSFEED_TELEGRAM_MAX_BODY_SIZE}, 1G); every other
 * route keeps {@code NEWSFEED_MAX_BODY_SIZE} (16M) through {@link newsfeed.ingest.telegram.RouteBodyLimit}. HTTP/2
 * clear-text upgrades are refused ({@link newsfeed.ingest.telegram.NoCleartextHttp2Upgrade}), as they would buffer the
 * body.
 */
package newsfeed.ingest.telegram;
