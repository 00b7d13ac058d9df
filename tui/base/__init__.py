"""What screens and modals are built on, outside screens/ so none imports another: FloorScreen,
FloorModal and their ScreenBasics (screen), problem_words (problems), a session's form drafts."""
