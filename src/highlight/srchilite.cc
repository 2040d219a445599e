// SPDX-License-Identifier: BSD-2-Clause
// SPDX-FileCopyrightText: 2026 the galley authors
//
// srchilite.cc: the adapter to GNU Source-highlight's library, built as
// the module galley-highlight.so that src/base/highlight.c loads when a
// code block first names a language (see base/highlight.h for why it is a
// module).  Its one C entry point, galley_hl_module_run, turns the
// library's formatter calls into token spans; no C++ type or exception
// crosses it.
//
// How the library is driven: a LangMap (lang.map) names the definition
// file of a language or extension; a LangDefManager builds the
// definition's highlight state once (it is kept per file); a
// SourceHighlighter walks the code line by line, carrying its state
// across lines (a comment that spans lines), and calls the formatter of
// each element ("keyword", "comment", ...) with the element's text, in
// order and for every character of the line, the plain ones included.
// The adapter's formatters add up those lengths to know where each token
// starts; a line whose lengths do not add up to the line is a library
// surprise, and the block is then left plain rather than misstyled.
//
// The library reads its definitions from the data folder it was built
// for, given here explicitly (GALLEY_SRCHILITE_DATADIR), so that neither
// the environment (SOURCE_HIGHLIGHT_DATADIR) nor a file in the user's
// home changes what galley makes.  Its objects are not documented as
// thread-safe: one lock serialises every call.

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/sourcehighlighter.h>

#include "base/highlight.h"

#ifndef GALLEY_SRCHILITE_DATADIR
#define GALLEY_SRCHILITE_DATADIR "/usr/share/source-highlight"
#endif

// Longest language name looked up (lang.map's are short words).
#define HL_LANG_MAX 64

namespace {

// Where the formatters of one run write.
struct run_state {
	std::vector<galley_hl_span> spans;
	size_t pos;      // byte offset in the code of the next string
	size_t line_end; // offset of the current line's end
	bool lost;       // the lengths did not add up
};

class span_formatter : public srchilite::Formatter {
public:
	span_formatter(run_state *st, unsigned cls) : st_(st), cls_(cls) {}
	void format(const std::string &s, const srchilite::FormatterParams *) override
	{
		size_t start = st_->pos;
		st_->pos += s.size();
		if (st_->pos > st_->line_end) {
			st_->lost = true;
			return;
		}
		if (cls_ == GALLEY_HL_PLAIN || s.empty())
			return;
		if (!st_->spans.empty() && st_->spans.back().end == start && st_->spans.back().cls == cls_) {
			st_->spans.back().end = (uint32_t)st_->pos;
			return;
		}
		galley_hl_span sp;
		sp.start = (uint32_t)start;
		sp.end = (uint32_t)st_->pos;
		sp.cls = cls_;
		st_->spans.push_back(sp);
	}

private:
	run_state *st_;
	unsigned cls_;
};

// Source-highlight's element names (default.style) and galley's classes.
const struct {
	const char *elem;
	unsigned cls;
} element_classes[] = {
	{"keyword", GALLEY_HL_KEYWORD},   {"preproc", GALLEY_HL_PREPROC},
	{"type", GALLEY_HL_TYPE},         {"usertype", GALLEY_HL_TYPE},
	{"classname", GALLEY_HL_TYPE},    {"function", GALLEY_HL_FUNCTION},
	{"predef_func", GALLEY_HL_FUNCTION}, {"variable", GALLEY_HL_NAME},
	{"predef_var", GALLEY_HL_NAME},   {"label", GALLEY_HL_NAME},
	{"property", GALLEY_HL_NAME},     {"selector", GALLEY_HL_NAME},
	{"attribute", GALLEY_HL_NAME},    {"string", GALLEY_HL_STRING},
	{"regexp", GALLEY_HL_STRING},     {"specialchar", GALLEY_HL_STRING},
	{"value", GALLEY_HL_STRING},      {"number", GALLEY_HL_NUMBER},
	{"comment", GALLEY_HL_COMMENT},   {"todo", GALLEY_HL_COMMENT},
	{"oldfile", GALLEY_HL_DELETED},   {"newfile", GALLEY_HL_INSERTED},
	{"difflines", GALLEY_HL_PREPROC},
};

struct library {
	srchilite::RegexRuleFactory rules;
	srchilite::LangDefManager defs;
	srchilite::LangMap langs;
	std::map<std::string, srchilite::HighlightStatePtr> states; // by definition file
	library() : defs(&rules), langs(GALLEY_SRCHILITE_DATADIR, "lang.map") {}
};

std::mutex lock;
library *lib; // made on first use, kept for the process

// The definition's state for `lang`, or an empty pointer when lang.map
// has no such language.  Throws what the library throws.
srchilite::HighlightStatePtr state_for(const std::string &lang)
{
	if (lib == nullptr) {
		lib = new library();
		lib->langs.open();
	}
	std::string file = lib->langs.getMappedFileName(lang);
	if (file.empty())
		return srchilite::HighlightStatePtr();
	auto it = lib->states.find(file);
	if (it != lib->states.end())
		return it->second;
	srchilite::HighlightStatePtr st = lib->defs.getHighlightState(GALLEY_SRCHILITE_DATADIR, file);
	lib->states[file] = st;
	return st;
}

int run(const std::string &lang, const char *code, size_t len, std::vector<galley_hl_span> &out)
{
	srchilite::HighlightStatePtr main = state_for(lang);
	if (!main)
		return 0;
	run_state st;
	st.pos = 0;
	st.line_end = 0;
	st.lost = false;
	srchilite::FormatterManager formatters(
		srchilite::FormatterPtr(new span_formatter(&st, GALLEY_HL_PLAIN)));
	for (const auto &e : element_classes)
		formatters.addFormatter(e.elem, srchilite::FormatterPtr(new span_formatter(&st, e.cls)));
	srchilite::SourceHighlighter hl(main);
	srchilite::FormatterParams params;
	hl.setFormatterManager(&formatters);
	hl.setFormatterParams(&params);
	hl.setOptimize(false);
	for (size_t at = 0; at < len && !st.lost;) {
		const char *nl = static_cast<const char *>(std::memchr(code + at, '\n', len - at));
		size_t end = nl ? (size_t)(nl - code) : len;
		st.pos = at;
		st.line_end = end;
		params.start = 0;
		hl.highlightParagraph(std::string(code + at, end - at));
		if (st.pos != end)
			st.lost = true;
		at = end + 1;
	}
	if (st.lost)
		return 0;
	out.swap(st.spans);
	return 1;
}

} // namespace

extern "C" __attribute__((visibility("default"))) int
galley_hl_module_run(const char *lang, size_t lang_len, const char *code, size_t len,
                     galley_hl_span **spans, size_t *n)
{
	std::vector<galley_hl_span> out;
	int rc;

	*spans = nullptr;
	*n = 0;
	if (lang_len == 0 || lang_len > HL_LANG_MAX || len > UINT32_MAX)
		return 0;
	try {
		std::lock_guard<std::mutex> g(lock);
		rc = run(std::string(lang, lang_len), code, len, out);
	} catch (const std::bad_alloc &) {
		return -1;
	} catch (...) {
		// a definition the library cannot read, a regex it rejects:
		// the block stays plain
		return 0;
	}
	if (rc <= 0 || out.empty())
		return rc < 0 ? -1 : 0;
	*spans = static_cast<galley_hl_span *>(std::malloc(out.size() * sizeof **spans));
	if (*spans == nullptr)
		return -1;
	std::memcpy(*spans, out.data(), out.size() * sizeof **spans);
	*n = out.size();
	return 1;
}

// Static type check of the entry point against the header's typedef.
static galley_hl_module_run_fn *const entry_check = galley_hl_module_run;
