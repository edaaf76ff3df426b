package dev.missions.droid.review;

/** One remark on one line of the diff: rendered {@code path:line: text}, the way editors and people read it. */
record ReviewComment(String path, int line, String text) {

    @Override
    public String toString() {
        return path + (line > 0 ? ":" + line : "") + ": " + text;
    }
}
