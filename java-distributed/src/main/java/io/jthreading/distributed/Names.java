package io.jthreading.distributed;

/**
 * Where a named primitive lives: {@code /jthreading/<kind>/<name>} under the connect string's
 * chroot. Names are slash-separated paths of non-empty segments ("jobs/db"); the kind keeps a
 * Lock and an Event of one name apart, and the layout is the same from Java and Python.
 */
final class Names {
    static final String ROOT = "/jthreading";

    private Names() {
    }

    static String path(String kind, String name) {
        return ROOT + "/" + kind + "/" + checked(name);
    }

    /** ValueError-worded checks: ZooKeeper would refuse these paths, or read them as others. */
    static String checked(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must be a str, not None");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(
                        "name must be segments separated by '/', none empty, '.' or '..': "
                                + quoted(name));
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0xd800 && c <= 0xf8ff
                    || c >= 0xfff0) {
                throw new IllegalArgumentException(
                        "name has a character ZooKeeper refuses: " + quoted(name));
            }
        }
        return name;
    }

    private static String quoted(String name) {
        return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
