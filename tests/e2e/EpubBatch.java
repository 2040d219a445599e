/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * EpubBatch.java: runs epubcheck on several books in one JVM, because each
 * `java -jar epubcheck.jar` call costs seconds of start-up.
 *
 *   java -Xss1024k -cp /usr/share/java/epubcheck.jar tests/e2e/EpubBatch.java BOOK.epub...
 *
 * For each book it prints epubcheck's own report, then one line
 * "epubcheck: BOOK: ok" or "epubcheck: BOOK: failed (status N)", where a
 * warning counts as a failure.  Exits 1 when any book failed.  With
 * -Depubcheck.usage=1 the reports include epubcheck's usage notes (-u).
 */
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubBatch {
	public static void main(String[] args) {
		int failed = 0;
		for (String book : args) {
			String[] argv = System.getProperty("epubcheck.usage") != null
			                ? new String[] {book, "--failonwarnings", "-u"}
			                : new String[] {book, "--failonwarnings"};
			int status = new EpubChecker().run(argv);
			System.out.flush();
			if (status == 0) {
				System.out.println("epubcheck: " + book + ": ok");
			} else {
				System.out.println("epubcheck: " + book + ": failed (status " + status + ")");
				failed++;
			}
		}
		System.exit(failed == 0 ? 0 : 1);
	}
}
