package dev.arbiter.authority.permission;

/** What running a tool does to the world: the side-effect class a policy and a reviewer reason about. */
public enum SideEffect {
    /** Reads only; running it twice changes nothing. */
    READ,
    /** Changes state that can be changed back (a draft, a setting, a scheduled item). */
    WRITE,
    /** Changes state that cannot be taken back (money sent, a message delivered, an account removed). */
    IRREVERSIBLE
}
